package repro

import (
	"os"
	"path/filepath"
	"testing"
)

// descend puts n frames on the stack before asking for the version, so
// that one of the calls lands where the goroutine's stack has to grow
// while Ioctl runs.
//
//go:noinline
func descend(n int) (int, error) {
	var pad [40]byte
	if n > 0 {
		v, err := descend(n - 1)
		return v + int(pad[n%len(pad)]), err
	}
	return GetPlatformAPIVersion()
}

func TestGetPlatformAPIVersion(t *testing.T) {
	// The stand-in request reports the bytes left in the file, so a file
	// of 0x20001 bytes reads back as API version 1, driver version 2.
	dev := filepath.Join(t.TempDir(), "isst_interface")
	if err := os.WriteFile(dev, make([]byte, 0x20001), 0o600); err != nil {
		t.Fatal(err)
	}
	devPath = dev

	bad := 0
	for n := 0; n < 400; n++ {
		ch := make(chan int)
		go func() {
			v, err := descend(n)
			if err != nil {
				t.Error(err)
			}
			ch <- v
		}()
		if v := <-ch; v != 1 {
			bad++
		}
	}
	if bad > 0 {
		t.Fatalf("%d of 400 calls returned a wrong API version", bad)
	}
}
