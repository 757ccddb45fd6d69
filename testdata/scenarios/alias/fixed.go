package alias

import (
	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// LastFixed takes a view under the lock and releases it after the work.
func LastFixed(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	drive.CheckData(p)
	v.Release()
}
