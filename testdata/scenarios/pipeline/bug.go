// Package pipeline: views passed between goroutines over a channel and
// released on the consumer side.
package pipeline

import (
	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// ConsumeBug releases each view before checking its slice.
func ConsumeBug(b *buffer.Buffer, in <-chan *buffer.View) {
	for v := range in {
		b.Lock()
		p := v.Bytes()
		b.Unlock()
		v.Release()
		drive.CheckData(p) // want "unpinned: p is used after its view v was released"
	}
}
