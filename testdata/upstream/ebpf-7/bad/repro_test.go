package repro

import (
	"encoding/binary"
	"runtime"
	"testing"
)

type key uint32

func (k key) MarshalBinary() ([]byte, error) {
	return binary.LittleEndian.AppendUint32(nil, uint32(k)), nil
}

// The map and the object do not exist, so every call fails in the kernel
// (EBADF, or EPERM where bpf is not allowed). The test only checks that
// the calls build their attribute structs and return.
func TestBPFCalls(t *testing.T) {
	const badFd = ^uint32(0)
	for i := 0; i < 100; i++ {
		v := make([]byte, 8)
		ok, err := Map(badFd).GetRaw(key(i), &v)
		if ok || err == nil {
			t.Fatalf("lookup in a closed map: ok=%v err=%v", ok, err)
		}
		if err := pinObject("/sys/fs/bpf/no-such-object", badFd); err == nil {
			t.Fatal("pinning a closed fd succeeded")
		}
		if i%10 == 0 {
			runtime.GC()
		}
	}
}
