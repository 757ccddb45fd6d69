// Package hashresize: a reader hashes a slice while another goroutine resizes.
package hashresize

import (
	"crypto/sha256"

	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// HashBug hashes an unpinned alias: the resizer may truncate it meanwhile.
// (sha256 reads in assembly, which the race detector does not see; the
// check after it reads in Go.)
func HashBug(b *buffer.Buffer) [32]byte {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	sum := sha256.Sum256(p) // want "unpinned: p, an unpinned alias from b.Bytes\\(\\), is used after b's lock was released"
	drive.CheckData(p)      // want "unpinned: p, an unpinned alias from b.Bytes\\(\\), is used after b's lock was released"
	return sum
}
