package hashresize

import (
	"crypto/sha256"

	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// HashFixed hashes a pinned slice: the resizer's Resize fails with
// ErrExported meanwhile, and the data it hashes is never corrupted.
func HashFixed(b *buffer.Buffer) [32]byte {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	sum := sha256.Sum256(p)
	drive.CheckData(p)
	v.Release()
	return sum
}
