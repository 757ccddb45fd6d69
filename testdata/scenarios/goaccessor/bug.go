// Package goaccessor: a goroutine body calls an accessor without the lock (case 6).
package goaccessor

import "github.com/buflint/buflint/buffer"

// LenBug asks a goroutine for the length; the goroutine does not hold the lock.
func LenBug(b *buffer.Buffer) int {
	b.Lock()
	defer b.Unlock()
	done := make(chan int)
	go func() {
		done <- b.Len() // want "unguarded: Buffer.Len called while the goroutine started at line 11 does not hold b's lock"
	}()
	return <-done
}
