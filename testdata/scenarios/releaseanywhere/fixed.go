// Package releaseanywhere: Release from another goroutine, or twice, is
// correct: it is lock-free and counts once (case 9). There is no bug twin.
package releaseanywhere

import (
	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// CheckFixed hands the view to a goroutine that releases it, and releases it
// again itself once that goroutine is done.
func CheckFixed(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	done := make(chan struct{})
	go func() {
		drive.CheckData(p)
		v.Release()
		close(done)
	}()
	<-done
	v.Release()
}
