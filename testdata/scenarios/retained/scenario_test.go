package retained

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	var c Cache
	drive.Concurrently(func(int) { c.RenderBug("0123456789abcdef") }, func(int) { c.Sum() }, func(int) { c.RenderBug("fedcba9876543210") })
}

func TestFixed(t *testing.T) {
	var c Cache
	drive.Concurrently(func(int) { c.RenderFixed("0123456789abcdef") }, func(int) { c.Sum() }, func(int) { c.RenderFixed("fedcba9876543210") })
}
