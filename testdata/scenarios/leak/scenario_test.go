package leak

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

// The resizer is left out: a leaked view refuses every Resize, which would
// show as ErrExported in the resizer and is not this scenario's outcome.
func TestBug(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(int) { FirstBug(b) })
}

func TestFixed(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(int) { FirstFixed(b) })
}
