package buffer

import (
	"strconv"
	"sync"
	"testing"
)

var benchSizes = []int{64, 4 << 10, 1 << 20}

func sizeName(n int) string {
	switch {
	case n >= 1<<20:
		return strconv.Itoa(n>>20) + "MiB"
	case n >= 1<<10:
		return strconv.Itoa(n>>10) + "KiB"
	}
	return strconv.Itoa(n) + "B"
}

// BenchmarkViewRelease measures taking and releasing a view with the lock
// already held: the cost the protocol adds to one export.
func BenchmarkViewRelease(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			buf := New(n)
			buf.Lock()
			defer buf.Unlock()
			b.ReportAllocs()
			for b.Loop() {
				v := buf.View()
				v.Release()
			}
		})
	}
}

// BenchmarkPinnedAccess is the whole zero-copy cycle a user writes: lock,
// view, read the slice, unlock, touch the data, release.
func BenchmarkPinnedAccess(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			buf := New(n)
			b.ReportAllocs()
			b.SetBytes(int64(n))
			var sink byte
			for b.Loop() {
				buf.Lock()
				v := buf.View()
				p := v.Bytes()
				buf.Unlock()
				sink += p[len(p)-1]
				v.Release()
			}
			_ = sink
		})
	}
}

// BenchmarkCopyUnderMutex is what a user would write without views: copy the
// contents out under a sync.Mutex, then work on the copy.
func BenchmarkCopyUnderMutex(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			var mu sync.Mutex
			data := make([]byte, n)
			dst := make([]byte, n)
			b.ReportAllocs()
			b.SetBytes(int64(n))
			var sink byte
			for b.Loop() {
				mu.Lock()
				copy(dst, data)
				mu.Unlock()
				sink += dst[len(dst)-1]
			}
			_ = sink
		})
	}
}

// BenchmarkResize alternates between n and n/2: a truncate and a regrow
// within capacity (the regrow zero-fills the tail).
func BenchmarkResize(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			buf := New(n)
			buf.Lock()
			defer buf.Unlock()
			b.ReportAllocs()
			b.SetBytes(int64(n / 2))
			for b.Loop() {
				if err := buf.Resize(n / 2); err != nil {
					b.Fatal(err)
				}
				if err := buf.Resize(n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var sinkView *View

// BenchmarkViewReleaseEscaping is ViewRelease with a view that escapes to
// the heap, as it does when it is stored or sent: one allocation.
func BenchmarkViewReleaseEscaping(b *testing.B) {
	buf := New(64)
	buf.Lock()
	defer buf.Unlock()
	b.ReportAllocs()
	for b.Loop() {
		sinkView = buf.View()
		sinkView.Release()
	}
}
