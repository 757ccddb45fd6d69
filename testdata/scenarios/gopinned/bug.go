// Package gopinned: a goroutine uses a view's slice; the view is released
// before the goroutine is joined (case 6).
package gopinned

import (
	"sync"

	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// CheckBug releases the view while the goroutine may still read its slice.
func CheckBug(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		drive.CheckData(p)
	}()
	v.Release() // want "unpinned: Release of view v while the goroutine started at line 21 may still use its slice"
	wg.Wait()
}
