// Package leak: a view never released on one path.
package leak

import "github.com/buflint/buflint/buffer"

// FirstBug returns early without releasing its view.
func FirstBug(b *buffer.Buffer) byte {
	b.Lock()
	defer b.Unlock()
	v := b.View() // want "unpinned: view v is not released on the path that returns at line 12"
	if v.Len() > 0 {
		return v.Bytes()[0]
	}
	v.Release()
	return 0
}
