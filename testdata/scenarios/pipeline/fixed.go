package pipeline

import (
	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// Produce exports views of b onto out; the consumer releases them.
func Produce(b *buffer.Buffer, out chan<- *buffer.View, n int) {
	for range n {
		b.Lock()
		v := b.View()
		b.Unlock()
		out <- v // sent without the lock: the consumer needs it
	}
	close(out)
}

// ConsumeFixed checks each view's slice, then releases the view.
func ConsumeFixed(b *buffer.Buffer, in <-chan *buffer.View) {
	for v := range in {
		b.Lock()
		p := v.Bytes()
		b.Unlock()
		drive.CheckData(p)
		v.Release()
	}
}
