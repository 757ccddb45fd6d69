package a

import (
	"iter"
	"sync"

	"github.com/buflint/buflint/buffer"
)

// Case 6: a goroutine body starts without its parent's lock.
func goroutineAccessor(b *buffer.Buffer, wg *sync.WaitGroup) {
	b.Lock()
	defer b.Unlock()
	wg.Go(func() {}) // not a go statement: analyzed on its own, silent
	go func() {
		_ = b.Len() // want `unguarded: Buffer.Len called while the goroutine started at line 15 does not hold b's lock`
	}()
}

func goroutineLocks(b *buffer.Buffer) {
	go func() {
		b.Lock()
		defer b.Unlock()
		_ = b.Len()
	}()
}

// A function literal called in place inherits its caller's state.
func inPlace(b *buffer.Buffer) int {
	b.Lock()
	n := func() int { return b.Len() }()
	b.Unlock()
	m := func() int { return b.Len() }() // want `unguarded: Buffer.Len called while b is unlocked \(released at line 32\)`
	return n + m
}

// A deferred function literal runs at return, with the lock as it is then.
func deferredLiteral(b *buffer.Buffer) (n int) {
	b.Lock()
	defer func() { n = b.Len() }() // want `unguarded: Buffer.Len called while b is unlocked \(released at line 41\)`
	b.Unlock()
	return 0
}

func deferredLiteralOk(b *buffer.Buffer) (n int) {
	b.Lock()
	defer b.Unlock()
	defer func() { n = b.Len() }()
	return 0
}

// A literal that unlocks, called in place, releases the caller's lock.
func inPlaceUnlock(b *buffer.Buffer) int {
	b.Lock()
	func() { b.Unlock() }()
	return b.Len() // want `unguarded: Buffer.Len called while b is unlocked \(the call at line 55 releases it\)`
}

// Range-over-func loop bodies run in place, with the caller's state.
func chunks(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func rangeFunc(b *buffer.Buffer) int {
	total := 0
	b.Lock()
	for i := range chunks(3) {
		total += i + b.Len()
	}
	b.Unlock()
	for i := range chunks(3) {
		total += i + b.Len() // want `unguarded: Buffer.Len called while b is unlocked \(released at line 76\)`
	}
	return total
}

// Stored function literals are analyzed as called from anywhere: silent.
func stored(b *buffer.Buffer) func() int {
	b.Lock()
	defer b.Unlock()
	return func() int { return b.Len() }
}
