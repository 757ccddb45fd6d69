package queuedframe

import "bytes"

// FixedStream queues a copy of the caller's bytes: the caller may reuse
// its buffer as soon as Write returns.
type FixedStream struct {
	S    *Session
	Hdr  []byte
	Done chan error
}

// Write hands send a copy.
func (w *FixedStream) Write(p []byte) (int, error) {
	if err := w.S.send(w.Hdr, bytes.Clone(p), w.Done); err != nil {
		return 0, err
	}
	return len(p), nil
}
