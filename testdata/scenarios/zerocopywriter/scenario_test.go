package zerocopywriter

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(i int) { _, _ = WriteBug(b, SlowWriter{}) }, drive.Resizer(b))
}

func TestFixed(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(i int) { _, _ = WriteFixed(b, SlowWriter{}) }, drive.Resizer(b))
}
