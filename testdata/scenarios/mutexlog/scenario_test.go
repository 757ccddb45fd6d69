package mutexlog

import (
	"io"
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	l := &Log{w: io.Discard}
	l.Write([]byte("start"))
	drive.Concurrently(func(int) { l.FlushBug() }, func(int) { l.Write([]byte("0123456789abcdef")) })
}

func TestFixed(t *testing.T) {
	l := &Log{w: io.Discard}
	l.Write([]byte("start"))
	drive.Concurrently(func(int) { l.FlushFixed() }, func(int) { l.Write([]byte("0123456789abcdef")) })
}
