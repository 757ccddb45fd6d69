// The store is invisible to the race detector and to the default cgo
// checks, which look only at call arguments; cgocheck2 checks every write
// of a Go pointer into C memory:
// goexperiment: cgocheck2
package cgofield

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func want(t *testing.T, got int) {
	if got != 'a'+'b'+'c' {
		t.Fatalf("sum %d", got)
	}
}

func TestBug(t *testing.T) {
	d := NewDecoder([]byte("abc"))
	defer d.Close()
	want(t, d.SumBug())
}

func TestFixed(t *testing.T) {
	d := NewDecoder([]byte("abc"))
	defer d.Close()
	want(t, d.SumFixed())
}
