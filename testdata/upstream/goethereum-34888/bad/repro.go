package repro

import (
	"errors"
	"net/netip"
	"sync"
)

const maxPacketSize = 1280

var errUnknownPacket = errors.New("unknown packet type")

// UDPConn is the network connection the discovery protocol reads from.
type UDPConn interface {
	ReadFromUDPAddrPort(b []byte) (n int, addr netip.AddrPort, err error)
}

// ReadPacket carries a datagram the protocol rejected, for whoever
// listens on the unhandled channel.
type ReadPacket struct {
	Data []byte
	Addr netip.AddrPort
}

type UDPv4 struct {
	conn UDPConn
	wg   sync.WaitGroup
}

func ListenV4(c UDPConn, unhandled chan<- ReadPacket) *UDPv4 {
	t := &UDPv4{conn: c}
	t.wg.Add(1)
	go t.readLoop(unhandled)
	return t
}

func (t *UDPv4) Wait() { t.wg.Wait() }

func (t *UDPv4) handlePacket(from netip.AddrPort, buf []byte) error {
	if len(buf) == 0 || buf[0] != 0x01 {
		return errUnknownPacket
	}
	return nil
}

// readLoop reads datagrams until the connection fails.
func (t *UDPv4) readLoop(unhandled chan<- ReadPacket) {
	defer t.wg.Done()
	if unhandled != nil {
		defer close(unhandled)
	}

	buf := make([]byte, maxPacketSize)
	for {
		nbytes, from, err := t.conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			// A read error ends the loop.
			return
		}
		if err := t.handlePacket(from, buf[:nbytes]); err != nil && unhandled != nil {
			select {
			case unhandled <- ReadPacket{buf[:nbytes], from}:
			default:
			}
		}
	}
}
