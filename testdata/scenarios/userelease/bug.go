// Package userelease: a view's slice used after Release (case 5).
package userelease

import (
	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// CheckBug releases the view before it is done with the slice.
func CheckBug(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	v.Release()
	drive.CheckData(p) // want "unpinned: p is used after its view v was released"
}
