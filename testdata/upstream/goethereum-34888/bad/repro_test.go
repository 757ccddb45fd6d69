package repro

import (
	"bytes"
	"io"
	"net/netip"
	"testing"
)

// fakeConn delivers packets that the discovery protocol does not know.
type fakeConn struct {
	n int
}

func (c *fakeConn) ReadFromUDPAddrPort(b []byte) (int, netip.AddrPort, error) {
	if c.n == 2000 {
		return 0, netip.AddrPort{}, io.EOF
	}
	c.n++
	pkt := bytes.Repeat([]byte{byte(c.n)}, 100)
	pkt[0] = 0xFF // not a discv4 packet
	return copy(b, pkt), netip.MustParseAddrPort("127.0.0.1:30303"), nil
}

// Another protocol shares the socket and reads the unhandled packets.
func TestUnhandledPacketsAreNotOverwritten(t *testing.T) {
	unhandled := make(chan ReadPacket, 100)
	udp := ListenV4(&fakeConn{}, unhandled)
	for p := range unhandled {
		for _, b := range p.Data[2:] {
			if b != p.Data[1] {
				t.Errorf("packet changed after it was handed over: % x", p.Data[:8])
				break
			}
		}
	}
	udp.Wait()
}
