// Package typeerr does not type-check: buflint must say so, not panic.
package typeerr

import "github.com/buflint/buflint/buffer"

func Broken(b *buffer.Buffer) int {
	b.Lock()
	return b.Length() // no such method
}
