package wordwalk

import "unsafe"

// FillFixed writes through a byte slice over the words, which keeps them
// referenced.
func (s *Set) FillFixed(c byte) {
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s.words[0])), len(s.words)*8)
	for i := range b {
		b[i] = fill(c)
	}
}
