package repro

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestNewValueString(t *testing.T) {
	for i := 0; i < 1000; i++ {
		want := strings.Repeat("v"+strconv.Itoa(i), 1+i%40)
		v := NewValueString(want)
		if i%100 == 0 {
			runtime.GC()
		}
		if got := string(v.GetBinary()); got != want {
			t.Fatalf("value %d: got %q, want %q", i, got, want)
		}
	}
}
