package repro

import (
	"net"
	"sync"
)

const myMaxMTU = 1200

type chunkPayloadData struct {
	tsn              uint32
	streamIdentifier uint16
	userData         []byte
	nSent            int
	acked            bool
}

type packet struct {
	retransmit bool
	chunks     []*chunkPayloadData
}

func (p *packet) marshal() []byte {
	raw := []byte{0}
	if p.retransmit {
		raw[0] = 1
	}
	for _, c := range p.chunks {
		raw = append(raw, byte(c.tsn), byte(len(c.userData)))
		raw = append(raw, c.userData...)
	}
	return raw
}

// Association keeps sent chunks in inflightQueue until they are acked.
type Association struct {
	lock          sync.RWMutex
	nextConn      net.Conn
	myNextTSN     uint32
	inflightQueue []*chunkPayloadData
}

func NewAssociation(conn net.Conn) *Association {
	a := &Association{nextConn: conn}
	go a.readLoop()
	return a
}

func (a *Association) OpenStream(id uint16) *Stream {
	return &Stream{association: a, streamIdentifier: id}
}

// readLoop handles SACKs from the peer; a SACK reporting a gap makes
// every unacked chunk go out again.
func (a *Association) readLoop() {
	buf := make([]byte, 64)
	for {
		if _, err := a.nextConn.Read(buf); err != nil {
			return
		}
		a.lock.Lock()
		packets := a.getPayloadDataToSend(false)
		a.lock.Unlock()
		for _, p := range packets {
			if err := a.send(p); err != nil {
				return
			}
		}
	}
}

func (a *Association) sendPayloadData(chunks []*chunkPayloadData) error {
	a.lock.Lock()
	for _, c := range chunks {
		c.tsn = a.myNextTSN
		a.myNextTSN++
		a.inflightQueue = append(a.inflightQueue, c)
	}
	packets := a.getPayloadDataToSend(true)
	a.lock.Unlock()

	for _, p := range packets {
		if err := a.send(p); err != nil {
			return err
		}
	}
	return nil
}

// getPayloadDataToSend bundles chunks into a packet. The caller should hold the lock.
func (a *Association) getPayloadDataToSend(onlyUnsent bool) []*packet {
	p := &packet{retransmit: !onlyUnsent}
	for _, c := range a.inflightQueue {
		if c.acked || (onlyUnsent && c.nSent > 0) {
			continue
		}
		c.nSent++
		p.chunks = append(p.chunks, c)
	}
	if len(p.chunks) == 0 {
		return nil
	}
	return []*packet{p}
}

func (a *Association) send(p *packet) error {
	a.lock.Lock()
	raw := p.marshal()
	a.lock.Unlock()
	_, err := a.nextConn.Write(raw)
	return err
}

// Stream is one SCTP stream of an Association.
type Stream struct {
	association      *Association
	lock             sync.RWMutex
	streamIdentifier uint16
	sequenceNumber   uint16
}

func (s *Stream) Write(p []byte) (int, error) {
	chunks := s.packetize(p)
	return len(p), s.association.sendPayloadData(chunks)
}

func (s *Stream) packetize(raw []byte) []*chunkPayloadData {
	s.lock.Lock()
	defer s.lock.Unlock()

	var chunks []*chunkPayloadData
	for i := 0; i < len(raw); {
		fragmentSize := min(myMaxMTU, len(raw)-i)
		chunks = append(chunks, &chunkPayloadData{
			streamIdentifier: s.streamIdentifier,
			userData:         raw[i : i+fragmentSize],
		})
		i += fragmentSize
	}
	s.sequenceNumber++
	return chunks
}
