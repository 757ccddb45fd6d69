package leak

import "github.com/buflint/buflint/buffer"

// FirstFixed releases it on every path.
func FirstFixed(b *buffer.Buffer) byte {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	defer v.Release()
	if v.Len() > 0 {
		return v.Bytes()[0]
	}
	return 0
}
