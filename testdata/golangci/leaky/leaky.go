// Package leaky has one finding of each check, for the golangci-lint test.
package leaky

import "github.com/buflint/buflint/buffer"

// Len reads after unlocking.
func Len(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	return b.Len() // want "unguarded: Buffer.Len called while b is unlocked"
}

// Grow resizes while its view is held.
func Grow(b *buffer.Buffer) error {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	err := b.Resize(8) // want "resize: b.Resize while the view v taken at line 17 is still held"
	v.Release()
	return err
}

// First leaks its view.
func First(b *buffer.Buffer) byte {
	b.Lock()
	defer b.Unlock()
	v := b.View() // want "unpinned: view v is not released on the path that returns at line 28"
	return v.Bytes()[0]
}
