package hashresize

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(i int) { HashBug(b) }, drive.Resizer(b))
}

func TestFixed(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(i int) { HashFixed(b) }, drive.Resizer(b))
}
