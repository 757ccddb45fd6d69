package releaseanywhere

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestFixed(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(i int) { CheckFixed(b) }, drive.Resizer(b))
}
