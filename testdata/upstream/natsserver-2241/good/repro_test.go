package repro

import "testing"

func TestSourcedMessageWithHeaderKeepsPayload(t *testing.T) {
	c := &client{}
	mset := &stream{}
	hdr := []byte("NATS/1.0\r\nX-Request-ID: e9a639b4-cecb-4fbe-8376-1ef511ae1f8d\r\n\r\n")
	m := c.deliver("foo", "$JS.ACK.TEST.C.1.1.1.0.0", hdr, []byte("HELLO WORLD"))
	if !mset.processInboundSourceMsg(m, "TEST 1 $JS.SPOKE.API") {
		t.Fatal("store failed")
	}
	if got := string(mset.msgs[0].msg); got != "HELLO WORLD" {
		t.Fatalf("message corrupt? expecting %q got %q", "HELLO WORLD", got)
	}
}
