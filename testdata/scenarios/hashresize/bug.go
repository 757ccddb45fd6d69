// Package hashresize: a reader hashes a slice while another goroutine resizes.
package hashresize

import (
	"crypto/sha256"

	"github.com/buflint/buflint/buffer"
)

// HashBug hashes an unpinned alias: the resizer may truncate it meanwhile.
func HashBug(b *buffer.Buffer) [32]byte {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	return sha256.Sum256(p) // want "unpinned: p, an unpinned alias from b.Bytes\\(\\), is used after b's lock was released"
}
