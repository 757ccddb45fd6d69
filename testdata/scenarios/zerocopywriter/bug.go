// Package zerocopywriter: a buffer's memory handed to an io.Writer with the
// lock released.
package zerocopywriter

import (
	"io"

	"github.com/buflint/buflint/buffer"
)

// WriteBug gives the writer an unpinned alias.
func WriteBug(b *buffer.Buffer, w io.Writer) (int, error) {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	return w.Write(p) // want "unpinned: p, an unpinned alias from b.Bytes\\(\\), is used after b's lock was released"
}
