package guardforms

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	r := New()
	drive.Concurrently(
		func(i int) { r.Serve(i, []byte{byte(i)}) },
		func(i int) { r.StatsBug(i%2 == 0); r.IdleBug(); r.HitsBug(i) },
	)
}

func TestFixed(t *testing.T) {
	r := New()
	drive.Concurrently(
		func(i int) { r.Serve(i, []byte{byte(i)}) },
		func(i int) { r.StatsFixed(i%2 == 0); r.IdleFixed(); r.HitsFixed(i) },
	)
}
