// Package alias: a Buffer.Bytes alias used after Unlock (case 2).
package alias

import (
	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// LastBug keeps the unpinned alias past the Unlock.
func LastBug(b *buffer.Buffer) {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	drive.CheckData(p) // want "unpinned: p, an unpinned alias from b.Bytes\\(\\), is used after b's lock was released"
}
