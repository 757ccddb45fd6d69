package mutexlog

import "bytes"

// FlushFixed copies and resets under the lock, and writes the copy.
func (l *Log) FlushFixed() error {
	l.mu.Lock()
	out := bytes.Clone(l.buf.Bytes())
	l.buf.Reset()
	l.mu.Unlock()
	_, err := l.w.Write(out)
	return err
}
