package repro

import (
	"bytes"
	"testing"
	"time"
)

// slowCnx announces each write, then takes a while to put it on the wire.
type slowCnx struct {
	entered chan struct{}
	sum     int
}

func (c *slowCnx) Write(p []byte) (int, error) {
	c.entered <- struct{}{}
	time.Sleep(time.Millisecond)
	for _, b := range p {
		c.sum += int(b)
	}
	return len(p), nil
}

// A message times out while the connection is still writing it; its
// buffer must not be recycled for the next message yet.
func TestSendTimeoutWhileWriting(t *testing.T) {
	cnx := &slowCnx{entered: make(chan struct{})}
	c := newConnection(cnx)
	defer c.Close()
	p := &partitionProducer{conn: c, sendTimeout: 0}

	p.Send(bytes.Repeat([]byte{0}, 200))
	for i := 1; i < 30; i++ {
		<-cnx.entered
		p.failTimeoutMessages()
		p.Send(bytes.Repeat([]byte{byte(i)}, 200))
	}
	<-cnx.entered
	time.Sleep(2 * time.Millisecond)
}
