package repro

import (
	"testing"
	"time"
)

// slowConn takes a while to write each frame.
type slowConn struct{}

func (slowConn) Write(p []byte) (int, error) {
	time.Sleep(2 * time.Millisecond)
	return len(p), nil
}

// The client resets the stream while its DATA frame is being written;
// the handler's Write returns and the handler reuses its buffer.
func TestWriteDoesNotRetainBufferAfterStreamClose(t *testing.T) {
	sc := newServerConn(slowConn{})
	for i := 0; i < 30; i++ {
		st := &stream{id: uint32(i), cw: make(chan struct{})}
		buf := make([]byte, 1024)
		done := make(chan struct{})
		go func() {
			defer close(done)
			sc.writeDataFromHandler(st, buf, false)
			for j := range buf {
				buf[j] = byte(i) // the handler reuses its buffer
			}
		}()
		time.Sleep(500 * time.Microsecond)
		sc.closeStreamCh <- st
		<-done
	}
	time.Sleep(5 * time.Millisecond)
}
