package repro

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"sync"
	"testing"
	"time"
)

type memFile struct {
	mu   sync.Mutex
	data []byte
}

func (f *memFile) WriteAt(p []byte, off int64) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if end := int(off) + len(p); end > len(f.data) {
		f.data = append(f.data, make([]byte, end-len(f.data))...)
	}
	copy(f.data[off:], p)
	return len(p), nil
}

// An encrypted block keeps its plaintext write cache while there is load
// interest. Flushing must not give a slice of that cache to the block
// buffer pool: the next flush would encrypt into it.
func TestEncryptedFlushKeepsCache(t *testing.T) {
	block, err := aes.NewCipher(bytes.Repeat([]byte{7}, 16))
	if err != nil {
		t.Fatal(err)
	}
	first := []byte("first message in the block")
	for i := 0; i < 20; i++ {
		mb := &msgBlock{
			mfd:  &memFile{},
			bek:  cipher.NewCTR(block, make([]byte, aes.BlockSize)),
			cexp: time.Hour,
		}
		mb.writeMsgRecord(1, first)
		if err := mb.flushPendingMsgs(); err != nil {
			t.Fatal(err)
		}
		mb.writeMsgRecord(2, []byte("second message, a little longer"))
		if err := mb.flushPendingMsgs(); err != nil {
			t.Fatal(err)
		}
		mb.mu.RLock()
		got := append([]byte(nil), mb.cache.buf[8:8+len(first)]...)
		mb.mu.RUnlock()
		if !bytes.Equal(got, first) {
			t.Fatalf("iteration %d: cached record 1 is %q, want %q", i, got, first)
		}
	}
}
