package repro

import (
	"net"
	"testing"
)

// The peer answers every first transmission with a SACK that reports a
// gap, so the association retransmits what it still holds.
func runPeer(peer net.Conn) {
	sacks := make(chan struct{}, 1024)
	go func() {
		for range sacks {
			if _, err := peer.Write([]byte{'S'}); err != nil {
				return
			}
		}
	}()
	defer close(sacks)
	buf := make([]byte, 1<<16)
	for {
		n, err := peer.Read(buf)
		if err != nil {
			return
		}
		if n > 0 && buf[0] == 0 {
			sacks <- struct{}{}
		}
	}
}

func TestWriteThenReuseBuffer(t *testing.T) {
	local, peer := net.Pipe()
	defer peer.Close()
	defer local.Close()
	go runPeer(peer)

	a := NewAssociation(local)
	s := a.OpenStream(1)
	buf := make([]byte, 64)
	for i := 0; i < 300; i++ {
		for j := range buf {
			buf[j] = byte(i) // the caller reuses its buffer for each message
		}
		if _, err := s.Write(buf); err != nil {
			t.Fatal(err)
		}
	}
}
