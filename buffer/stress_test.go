package buffer

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestStress runs writers that pin the buffer and write their own region of
// it without the lock, a resizer that keeps trying to move the memory, and a
// monitor of the export counter. Run it under -race: the pinning protocol is
// what orders the resizer's copy after the writers' writes.
func TestStress(t *testing.T) {
	const (
		writers  = 4
		region   = 64 // bytes each writer owns
		minSize  = writers * region
		opsTotal = 100_000
	)
	iters := opsTotal / (writers + 1) // 10^5 operations in all, even in -short mode

	b := New(minSize)
	var held atomic.Int64 // views the test knows are held; never above Exports()
	var resized, refused atomic.Int64
	var wg sync.WaitGroup
	stop := make(chan struct{})

	// Monitor: the export counter never goes negative.
	monitorDone := make(chan struct{})
	go func() {
		defer close(monitorDone)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if n := b.Exports(); n < 0 {
				t.Errorf("Exports() = %d", n)
				return
			}
			runtime.Gosched()
		}
	}()

	for w := range writers {
		wg.Go(func() {
			lo := w * region
			for i := range iters {
				b.Lock()
				v := b.View()
				held.Add(1)
				p := v.Bytes()
				b.Unlock()

				mine := p[lo : lo+region]
				for j := range mine {
					mine[j] = byte(w*31 + i + j)
				}
				runtime.Gosched()
				for j, c := range mine {
					if c != byte(w*31+i+j) {
						t.Errorf("writer %d: byte %d of its pinned region = %#x, want %#x", w, j, c, byte(w*31+i+j))
						return
					}
				}
				held.Add(-1)
				v.Release()
				if i%7 == 0 {
					v.Release() // a second release must not count again
				}
			}
		})
	}

	wg.Go(func() {
		for i := range iters {
			b.Lock()
			err := b.Resize(minSize + (i%5)*region)
			switch {
			case err == nil:
				if h := held.Load(); h != 0 {
					t.Errorf("Resize succeeded while %d views were held", h)
				}
				resized.Add(1)
			case errors.Is(err, ErrExported):
				refused.Add(1)
			default:
				t.Errorf("Resize: %v", err)
			}
			b.Unlock()
			runtime.Gosched()
		}
	})

	wg.Wait()
	close(stop)
	<-monitorDone
	if n := b.Exports(); n != 0 {
		t.Fatalf("Exports() at the end = %d, want 0", n)
	}
	t.Logf("%d writer iterations, %d resizes done, %d refused with ErrExported", writers*iters, resized.Load(), refused.Load())
}
