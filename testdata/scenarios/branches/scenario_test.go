package branches

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(i int) { SizeBug(b, i%2 == 0); TotalBug(b, 3); EarlyBug(b, i%3 == 0) }, drive.Resizer(b))
}

func TestFixed(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(i int) { SizeFixed(b, i%2 == 0); TotalFixed(b, 3); EarlyFixed(b, i%3 == 0) }, drive.Resizer(b))
}
