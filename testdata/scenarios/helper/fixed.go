package helper

import (
	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/helpers"
)

// SizeFixed calls it with the lock held.
func SizeFixed(b *buffer.Buffer) int {
	b.Lock()
	defer b.Unlock()
	return helpers.Size(b)
}
