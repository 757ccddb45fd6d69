// Package helpers wraps an accessor; its lock fact travels to importers.
package helpers

import "github.com/buflint/buflint/buffer"

// Size needs the caller to hold b's lock.
func Size(b *buffer.Buffer) int { return b.Len() }
