// Package helper: a helper of another package that calls an accessor, called
// from the released region (case 8).
package helper

import (
	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/helpers"
)

// SizeBug calls the helper after dropping the lock.
func SizeBug(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	return helpers.Size(b) // want "unguarded: call to helpers.Size needs b locked \\(it calls Buffer.Len\\)"
}
