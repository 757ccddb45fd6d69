package repro

import (
	"bytes"
	"net/http"
	"sync"
)

const (
	CR_LF              = "\r\n"
	LEN_CR_LF          = len(CR_LF)
	hdrLine            = "NATS/1.0\r\n"
	JSStreamSource     = "Nats-Stream-Source"
	defaultReadBufSize = 512
)

type inMsg struct {
	subj string
	rply string
	hdr  []byte
	msg  []byte
}

type client struct {
	readBuf []byte
	hdrLen  int
}

// msgParts returns the header and payload parts of a raw wire message.
func (c *client) msgParts(data []byte) (hdr []byte, msg []byte) {
	if c.hdrLen > 0 {
		return data[:c.hdrLen], data[c.hdrLen:]
	}
	return nil, data
}

// deliver copies a raw message into the client's read buffer, as the
// protocol parser would, and returns it split into parts.
func (c *client) deliver(subj, rply string, hdr, payload []byte) *inMsg {
	if c.readBuf == nil {
		c.readBuf = make([]byte, 0, defaultReadBufSize)
	}
	rmsg := append(append(c.readBuf[:0], hdr...), payload...)
	c.hdrLen = len(hdr)
	h, m := c.msgParts(rmsg)
	return &inMsg{subj: subj, rply: rply, hdr: h, msg: m}
}

// genHeader returns hdr (or a fresh header) with key: value added.
func genHeader(hdr []byte, key, value string) []byte {
	var bb bytes.Buffer
	if len(hdr) > LEN_CR_LF {
		bb.Write(hdr[:len(hdr)-LEN_CR_LF])
	} else {
		bb.WriteString(hdrLine)
	}
	http.Header{key: []string{value}}.Write(&bb)
	bb.WriteString(CR_LF)
	return bb.Bytes()
}

type stored struct {
	subj     string
	hdr, msg []byte
}

type stream struct {
	mu   sync.Mutex
	msgs []stored
}

func (mset *stream) processJetStreamMsg(subject, reply string, hdr, msg []byte) error {
	mset.mu.Lock()
	defer mset.mu.Unlock()
	mset.msgs = append(mset.msgs, stored{subject, bytes.Clone(hdr), bytes.Clone(msg)})
	return nil
}

// processInboundSourceMsg stores a message received from a sourced stream.
func (mset *stream) processInboundSourceMsg(m *inMsg, origin string) bool {
	hdr, msg := m.hdr, m.msg
	// Record where the message came from.
	hdr = genHeader(hdr, JSStreamSource, origin)
	return mset.processJetStreamMsg(m.subj, "", hdr, msg) == nil
}
