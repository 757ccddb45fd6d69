package gopinned

import (
	"sync"

	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// CheckFixed joins the goroutine, then releases the view.
func CheckFixed(b *buffer.Buffer) {
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
	wg.Wait()
	v.Release()
}
