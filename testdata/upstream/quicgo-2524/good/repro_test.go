package repro

import (
	"net"
	"sync"
	"testing"
	"time"
)

type sinkConn struct {
	mu sync.Mutex
	n  int
}

func (c *sinkConn) WriteTo(b []byte, _ net.Addr) (int, error) {
	c.mu.Lock()
	c.n += len(b)
	c.mu.Unlock()
	return len(b), nil
}

// Initial packets with a retry token the server rejects: the INVALID_TOKEN
// reply is built in a goroutine from the received packet, so its buffer
// must not be recycled while that goroutine still reads it.
func TestInvalidTokenBuffer(t *testing.T) {
	s := &baseServer{
		conn:            &sinkConn{},
		acceptToken:     func(net.Addr, []byte) bool { return false },
		receivedPackets: make(chan *receivedPacket, 64),
		errorChan:       make(chan struct{}),
	}
	go s.run()
	defer close(s.errorChan)

	addr := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 4433}
	for i := 0; i < 2000; i++ {
		buf := getPacketBuffer()
		buf.Data = append(buf.Data, 4, 8, 1, 2, 3, 4)
		for j := 0; j < 8+i%64; j++ {
			buf.Data = append(buf.Data, byte(i+j))
		}
		s.handlePacket(&receivedPacket{remoteAddr: addr, data: buf.Data, buffer: buf})
		if i%32 == 0 {
			time.Sleep(100 * time.Microsecond)
		}
	}
	time.Sleep(50 * time.Millisecond)
}
