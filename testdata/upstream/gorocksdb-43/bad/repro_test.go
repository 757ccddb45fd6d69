package repro

import (
	"bytes"
	"testing"
)

// reverseComparator orders keys backwards.
type reverseComparator struct{ name string }

func (c *reverseComparator) Compare(a, b []byte) int { return -bytes.Compare(a, b) }
func (c *reverseComparator) Name() string            { return c.name }

func TestSetComparator(t *testing.T) {
	opts := NewDefaultOptions()
	opts.SetComparator(&reverseComparator{name: "reverse"})
	if got := opts.compareKeys("a", "b"); got != 1 {
		t.Fatalf("compare(a, b) = %d, want 1", got)
	}
	if got := opts.compareKeys("b", "a"); got != -1 {
		t.Fatalf("compare(b, a) = %d, want -1", got)
	}
}
