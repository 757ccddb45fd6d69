package goaccessor

import "github.com/buflint/buflint/buffer"

// LenFixed has the goroutine take the lock itself.
func LenFixed(b *buffer.Buffer) int {
	done := make(chan int)
	go func() {
		b.Lock()
		defer b.Unlock()
		done <- b.Len()
	}()
	return <-done
}
