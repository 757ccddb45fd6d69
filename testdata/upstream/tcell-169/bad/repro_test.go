package repro

import (
	"sync"
	"testing"
)

// typist delivers keystrokes a few at a time, as a terminal does.
type typist struct {
	mu   sync.Mutex
	next byte
}

func (k *typist) Read(p []byte) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	n := min(len(p), 8)
	for i := range p[:n] {
		p[i] = 'a' + k.next%26
		k.next++
	}
	return n, nil
}

func TestKeysArriveInOrder(t *testing.T) {
	s := NewScreen(&typist{})
	for i := 0; i < 4000; i++ {
		ev := s.PollEvent()
		if want := rune('a' + byte(i)%26); ev.Rune != want {
			t.Fatalf("key %d: got %q, want %q", i, ev.Rune, want)
		}
	}
	s.Fini()
}
