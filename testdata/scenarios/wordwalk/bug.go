// Package wordwalk: a bit set keeps its bits in 64-bit words and fills
// them byte by byte through a uintptr kept across a call. The words are Go
// heap memory like any []byte: -race turns on checkptr, which stops the
// program at the conversion back, since the integer no longer says which
// allocation it points into.
package wordwalk

import "unsafe"

// Set is a bit set.
type Set struct{ words []uint64 }

// New returns a set of n words.
func New(n int) *Set { return &Set{words: make([]uint64, n)} }

// fill is the call in between: anything that may let the collector run.
//
//go:noinline
func fill(c byte) byte { return c }

// FillBug writes c into every byte of the words through a uintptr.
func (s *Set) FillBug(c byte) {
	p := uintptr(unsafe.Pointer(&s.words[0]))
	for range len(s.words) * 8 {
		*(*byte)(unsafe.Pointer(p)) = fill(c) // want "unpinned: a uintptr into s.words \\(\\[\\]uint64\\) is kept across the call"
		p++
	}
}

// Words returns the words.
func (s *Set) Words() []uint64 { return s.words }
