package repro

import (
	"bytes"
	"io"
	"sync"
	"unsafe"
)

// MetricMetadata is a remote-write metadata record.
type MetricMetadata struct {
	Type             uint32
	MetricFamilyName string
	Help             string
	Unit             string
}

func toUnsafeString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// unmarshalMetadata parses "name|help|unit" lines. The returned strings
// reference src.
func unmarshalMetadata(dst []MetricMetadata, src []byte) []MetricMetadata {
	for _, line := range bytes.Split(src, []byte("\n")) {
		f := bytes.SplitN(line, []byte("|"), 3)
		if len(f) != 3 {
			continue
		}
		dst = append(dst, MetricMetadata{
			Type:             1,
			MetricFamilyName: toUnsafeString(f[0]),
			Help:             toUnsafeString(f[1]),
			Unit:             toUnsafeString(f[2]),
		})
	}
	return dst
}

type writeRequest struct {
	mms []MetricMetadata
	// metadatabuf backs the strings of mms
	metadatabuf []byte
}

func (wr *writeRequest) tryPushMetadata(mms []MetricMetadata) bool {
	mmdDst := wr.mms
	for i := range mms {
		mmdDst = append(mmdDst, MetricMetadata{})
		wr.copyMetadata(&mmdDst[len(mmdDst)-1], &mms[i])
	}
	wr.mms = mmdDst
	return true
}

func (wr *writeRequest) copyMetadata(dst, src *MetricMetadata) {
	// Plain values can be assigned; strings must be copied into metadatabuf.
	dst.Type = src.Type

	buf := wr.metadatabuf
	bufLen := len(buf)
	buf = append(buf, src.MetricFamilyName...)
	dst.MetricFamilyName = toUnsafeString(buf[bufLen:])

	bufLen = len(buf)
	buf = append(buf, src.Help...)
	dst.Help = toUnsafeString(buf[bufLen:])

	bufLen = len(buf)
	buf = append(buf, src.Unit...)
	dst.Unit = toUnsafeString(buf[bufLen:])

	wr.metadatabuf = buf
}

type pendingSeries struct {
	mu sync.Mutex
	wr writeRequest
}

// TryPushMetadata queues mms until the next flush.
func (ps *pendingSeries) TryPushMetadata(mms []MetricMetadata) bool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.wr.tryPushMetadata(mms)
}

// Flush returns the queued metadata as "name|help|unit" strings.
func (ps *pendingSeries) Flush() []string {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	var out []string
	for _, mm := range ps.wr.mms {
		out = append(out, mm.MetricFamilyName+"|"+mm.Help+"|"+mm.Unit)
	}
	ps.wr.mms = ps.wr.mms[:0]
	ps.wr.metadatabuf = ps.wr.metadatabuf[:0]
	return out
}

// InsertHandler reads remote-write requests into a reused buffer.
type InsertHandler struct {
	reqBuf []byte
	mms    []MetricMetadata
	ps     *pendingSeries
}

// Push reads one request from r and queues its metadata.
func (h *InsertHandler) Push(r io.Reader) error {
	buf := bytes.NewBuffer(h.reqBuf[:0])
	if _, err := buf.ReadFrom(r); err != nil {
		return err
	}
	h.reqBuf = buf.Bytes()
	h.mms = unmarshalMetadata(h.mms[:0], h.reqBuf)
	h.ps.TryPushMetadata(h.mms)
	return nil
}
