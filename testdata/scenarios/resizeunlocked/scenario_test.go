package resizeunlocked

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(int) { _ = DoubleBug(b) }, drive.Resizer(b))
}

func TestFixed(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(int) { _ = DoubleFixed(b) }, drive.Resizer(b))
}
