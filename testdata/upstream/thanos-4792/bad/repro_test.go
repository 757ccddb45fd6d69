package repro

import (
	"sync"
	"testing"
	"time"
)

// Callers append into the slice they got (as a chunk reader saving data
// does), which rewrites the slice header behind the pointer and may grow
// it. Put must not look at that header once the pointer is back in the
// pool, where another goroutine may already have taken it.
func TestPutGetRace(t *testing.T) {
	p, err := NewBucketedBytes(4, 128, 2, 0)
	if err != nil {
		t.Fatal(err)
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for g := 0; g < 64; g++ {
		wg.Add(1)
		txt := make([]byte, 1+g%12)
		for i := range txt {
			txt[i] = byte('a' + g%26)
		}
		grow := g%2 == 0
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				b, err := p.Get(len(txt))
				if err != nil {
					t.Error(err)
					return
				}
				*b = append(*b, txt...)
				if grow {
					*b = append(*b, txt...)
					*b = append(*b, txt...)
				}
				p.Put(b)
			}
		}()
	}
	time.Sleep(time.Second)
	close(stop)
	wg.Wait()
}
