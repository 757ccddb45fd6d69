package repro

import (
	"testing"
	"time"
)

// slowConn reads every byte it is given, slowly.
type slowConn struct{ sum int }

func (c *slowConn) Write(p []byte) (int, error) {
	time.Sleep(500 * time.Microsecond)
	for _, b := range p {
		c.sum += int(b)
	}
	return len(p), nil
}

// A stream write that times out must not leave the caller's buffer
// referenced by the send loop: the caller reuses it right away.
func TestWriteTimeoutThenReuse(t *testing.T) {
	sess := NewSession(&slowConn{}, 100*time.Microsecond)
	defer sess.Close()

	buf := make([]byte, 512)
	timeouts := 0
	for i := 0; i < 60; i++ {
		st := sess.OpenStream(uint32(i))
		if _, err := st.Write(buf); err == ErrConnectionWriteTimeout {
			timeouts++
		}
		for j := range buf {
			buf[j] = byte(i)
		}
	}
	if timeouts == 0 {
		t.Fatal("no write timed out")
	}
	time.Sleep(30 * time.Millisecond)
}
