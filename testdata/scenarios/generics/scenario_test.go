package generics

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(int) { (&Pair[int]{Buf: b}).LenBug() }, drive.Resizer(b))
}

func TestFixed(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(int) { (&Pair[int]{Buf: b}).LenFixed() }, drive.Resizer(b))
}

func TestMissed(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(int) { LenMissed(b) }, drive.Resizer(b))
}
