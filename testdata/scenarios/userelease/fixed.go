package userelease

import (
	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// CheckFixed releases the view after the work.
func CheckFixed(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	drive.CheckData(p)
	v.Release()
}
