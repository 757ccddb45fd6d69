package entrylen

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	p := &Pending{}
	drive.Concurrently(func(i int) { p.Add(byte(i)) }, func(int) { p.LenBug() })
}

func TestFixed(t *testing.T) {
	p := &Pending{}
	drive.Concurrently(func(i int) { p.Add(byte(i)) }, func(int) { p.LenFixed() })
}
