package exported

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(i int) { drive.CheckErr(GrowBug(b, drive.Size+i%2)) })
}

func TestFixed(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(i int) { drive.CheckErr(GrowFixed(b, drive.Size+i%2)) })
}
