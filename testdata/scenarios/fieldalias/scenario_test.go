package fieldalias

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

var chunk = []byte("0123456789abcdef")

func TestBug(t *testing.T) {
	r := &Ring{}
	drive.Concurrently(func(int) { r.Add(chunk) }, func(int) { r.SumBug() })
}

func TestFixed(t *testing.T) {
	r := &Ring{}
	drive.Concurrently(func(int) { r.Add(chunk) }, func(int) { r.SumFixed() })
}
