package repro

import (
	"bytes"
	"errors"
	"net"
	"sync"
)

const maxPacketSize = 1452

type packetBuffer struct {
	Data []byte

	// refCount counts the packets that use Data; not safe for concurrent use.
	refCount int
}

// Release puts the buffer back into the pool once processing is finished.
func (b *packetBuffer) Release() {
	b.refCount--
	if b.refCount != 0 {
		panic("packetBuffer refCount not zero")
	}
	bufferPool.Put(b)
}

var bufferPool = sync.Pool{New: func() interface{} {
	return &packetBuffer{Data: make([]byte, 0, maxPacketSize)}
}}

func getPacketBuffer() *packetBuffer {
	buf := bufferPool.Get().(*packetBuffer)
	buf.refCount = 1
	buf.Data = buf.Data[:0]
	return buf
}

type receivedPacket struct {
	remoteAddr net.Addr
	data       []byte

	buffer *packetBuffer
}

// header fields alias the packet data, as the wire parser's do.
type header struct {
	destConnID []byte
	token      []byte
	parsedLen  int
}

func parseHeader(data []byte) (*header, error) {
	if len(data) < 2 || len(data) < 2+int(data[0])+int(data[1]) {
		return nil, errors.New("short packet")
	}
	dl, tl := int(data[0]), int(data[1])
	return &header{destConnID: data[2 : 2+dl], token: data[2+dl : 2+dl+tl], parsedLen: 2 + dl + tl}, nil
}

type packetConn interface {
	WriteTo(b []byte, addr net.Addr) (int, error)
}

type baseServer struct {
	conn            packetConn
	acceptToken     func(addr net.Addr, token []byte) bool
	receivedPackets chan *receivedPacket
	errorChan       chan struct{}
}

func (s *baseServer) handlePacket(p *receivedPacket) {
	select {
	case s.receivedPackets <- p:
	default: // queue full, drop
	}
}

func (s *baseServer) run() {
	for {
		select {
		case <-s.errorChan:
			return
		case p := <-s.receivedPackets:
			if shouldReleaseBuffer := s.handlePacketImpl(p); !shouldReleaseBuffer {
				p.buffer.Release()
			}
		}
	}
}

func (s *baseServer) handlePacketImpl(p *receivedPacket) bool /* was the packet handled */ {
	hdr, err := parseHeader(p.data)
	if err != nil {
		return false
	}
	if err := s.handleInitialImpl(p, hdr); err != nil {
		return false
	}
	// the connection attempt was rejected: nothing took the packet
	return false
}

func (s *baseServer) handleInitialImpl(p *receivedPacket, hdr *header) error {
	if !s.acceptToken(p.remoteAddr, hdr.token) {
		go func() {
			if len(hdr.token) > 0 {
				_ = s.maybeSendInvalidToken(p, hdr)
			}
		}()
		return nil
	}
	return errors.New("session creation not modelled")
}

func (s *baseServer) maybeSendInvalidToken(p *receivedPacket, hdr *header) error {
	// only answer packets whose payload checks out
	var sum byte
	for _, b := range p.data[hdr.parsedLen:] {
		sum += b
	}
	if sum == 0xff {
		return nil
	}
	return s.sendError(p.remoteAddr, hdr)
}

func (s *baseServer) sendError(remoteAddr net.Addr, hdr *header) error {
	packetBuffer := getPacketBuffer()
	defer packetBuffer.Release()
	buf := bytes.NewBuffer(packetBuffer.Data)
	buf.WriteByte(byte(len(hdr.destConnID)))
	buf.Write(hdr.destConnID)
	buf.WriteString("INVALID_TOKEN")
	_, err := s.conn.WriteTo(buf.Bytes(), remoteAddr)
	return err
}
