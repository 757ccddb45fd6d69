package wordwalk

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func check(t *testing.T, s *Set) {
	for _, w := range s.Words() {
		if w != 0x0101010101010101 {
			t.Fatalf("word %#x", w)
		}
	}
}

func TestBug(t *testing.T) {
	s := New(4)
	s.FillBug(1)
	check(t, s)
}

func TestFixed(t *testing.T) {
	s := New(4)
	s.FillFixed(1)
	check(t, s)
}
