// Package pipeline passes views between goroutines over a channel.
package pipeline

import (
	"crypto/sha256"
	"sync"

	"example.com/examples/hashing"
	"github.com/buflint/buflint/buffer"
)

// Produce exports a view per buffer; the consumer releases it.
func Produce(bufs []*buffer.Buffer, out chan<- *buffer.View) {
	for _, b := range bufs {
		b.Lock()
		out <- b.View()
		b.Unlock()
	}
	close(out)
}

// Consume hashes each view's slice with no lock held, then releases it.
func Consume(b *buffer.Buffer, in <-chan *buffer.View) (sums [][32]byte) {
	for v := range in {
		b.Lock()
		p := v.Bytes()
		b.Unlock()
		sums = append(sums, sha256.Sum256(p))
		v.Release()
	}
	return sums
}

// Fanout hashes a pinned slice in a goroutine but releases the view too soon.
func Fanout(b *buffer.Buffer) [32]byte {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	var sum [32]byte
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sum = sha256.Sum256(p)
	}()
	v.Release() // want "unpinned: Release of view v while the goroutine started at line 43 may still use its slice"
	wg.Wait()
	return sum
}

// Summarize calls a helper of another package that needs the lock.
func Summarize(b *buffer.Buffer) [32]byte {
	go hashing.SumFixed(b) // a helper that locks for itself: fine as a goroutine
	return hashing.SumFixed(b)
}
