package zerocopywriter

import (
	"io"
	"runtime"

	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// WriteFixed pins the memory with a view across the slow write.
func WriteFixed(b *buffer.Buffer, w io.Writer) (int, error) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	defer v.Release()
	return w.Write(p)
}

// SlowWriter checks what it is given in two halves, yielding in between,
// the way a network writer sends a large slice in pieces.
type SlowWriter struct{}

func (SlowWriter) Write(p []byte) (int, error) {
	drive.CheckData(p[:len(p)/2])
	runtime.Gosched()
	drive.CheckData(p[len(p)/2:])
	return len(p), nil
}
