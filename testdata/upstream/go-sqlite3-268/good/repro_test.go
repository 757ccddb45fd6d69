package repro

import (
	"runtime"
	"testing"
)

var sink [][]byte

// churn reuses the stack and the heap the way a busy program would
// between registering a function and running a query.
//
//go:noinline
func churn(depth int) byte {
	var buf [512]byte
	for i := range buf {
		buf[i] = 0xff
	}
	if depth > 0 {
		return churn(depth-1) + buf[depth%len(buf)]
	}
	for i := 0; i < 1000; i++ {
		b := make([]byte, 64+i%256)
		for j := range b {
			b[j] = 0xff
		}
		sink = append(sink, b)
	}
	return buf[0]
}

func TestRegisterFunc(t *testing.T) {
	c := Open()
	if err := c.RegisterFunc("twice", func(x int64) int64 { return 2 * x }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		sink = nil
		runtime.GC()
		churn(32)
		got, err := c.Call("twice", 21)
		if err != nil {
			t.Fatal(err)
		}
		if got != 42 {
			t.Fatalf("twice(21) = %d, want 42", got)
		}
	}
}
