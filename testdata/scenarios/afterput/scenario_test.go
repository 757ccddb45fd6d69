package afterput

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

// use gets a slice, appends past its capacity now and then (which rewrites
// the header the pool holds a pointer to), and gives it back with put.
// Each worker sums what it gave back in its own variable.
func use(p *Bytes, put func(*[]byte) int) func(int) {
	taken := 0
	return func(i int) {
		b := p.Get()
		*b = append(*b, make([]byte, 16+i%128)...)
		taken += put(b)
	}
}

func TestBug(t *testing.T) {
	p := new(Bytes)
	drive.Concurrently(use(p, p.PutBug), use(p, p.PutBug), use(p, p.PutBug), use(p, p.PutBug))
}

func TestFixed(t *testing.T) {
	p := new(Bytes)
	drive.Concurrently(use(p, p.PutFixed), use(p, p.PutFixed), use(p, p.PutFixed), use(p, p.PutFixed))
}
