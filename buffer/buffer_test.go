package buffer

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestZeroValueIsEmptyAndUsable(t *testing.T) {
	var b Buffer
	b.Lock()
	defer b.Unlock()
	if n := b.Len(); n != 0 {
		t.Fatalf("Len() = %d, want 0", n)
	}
	if err := b.Resize(3); err != nil {
		t.Fatalf("Resize(3): %v", err)
	}
	if got := b.Bytes(); !bytes.Equal(got, []byte{0, 0, 0}) {
		t.Fatalf("Bytes() = %v, want three zero bytes", got)
	}
}

func TestNewSizesAndZeroes(t *testing.T) {
	for _, n := range []int{0, 1, 64, 4096} {
		b := New(n)
		b.Lock()
		if b.Len() != n || len(b.Bytes()) != n {
			t.Errorf("New(%d): Len() = %d", n, b.Len())
		}
		for i, c := range b.Bytes() {
			if c != 0 {
				t.Fatalf("New(%d): byte %d = %#x, want 0", n, i, c)
			}
		}
		b.Unlock()
	}
}

func TestNewRejectsBadSizes(t *testing.T) {
	for _, n := range []int{-1, MaxSize + 1} {
		func() {
			defer func() {
				r := recover()
				msg, _ := r.(string)
				if !strings.Contains(msg, "New(") || !strings.Contains(msg, "size") {
					t.Errorf("New(%d) panicked with %v, want a message naming New and the size", n, r)
				}
			}()
			New(n)
			t.Errorf("New(%d) did not panic", n)
		}()
	}
}

func TestTryLock(t *testing.T) {
	b := New(1)
	if !b.TryLock() {
		t.Fatal("TryLock on an unlocked buffer failed")
	}
	done := make(chan bool)
	go func() { done <- b.TryLock() }()
	if <-done {
		t.Fatal("TryLock succeeded while another goroutine held the lock")
	}
	b.Unlock()
	if !b.TryLock() {
		t.Fatal("TryLock after Unlock failed")
	}
	b.Unlock()
}

func TestBytesCapacityIsLength(t *testing.T) {
	b := New(4)
	b.Lock()
	defer b.Unlock()
	if err := b.Resize(2); err != nil { // leaves spare capacity behind the slice
		t.Fatal(err)
	}
	p := b.Bytes()
	if cap(p) != len(p) {
		t.Fatalf("cap(Bytes()) = %d, want %d: appends would write into the buffer", cap(p), len(p))
	}
	v := b.View()
	defer v.Release()
	if q := v.Bytes(); cap(q) != len(q) {
		t.Fatalf("cap(View.Bytes()) = %d, want %d", cap(q), len(q))
	}
}

func TestResizeGrowsZeroFilledAndTruncates(t *testing.T) {
	b := New(0)
	b.Lock()
	defer b.Unlock()
	for _, step := range []struct {
		n    int
		want []byte
	}{
		{3, []byte{0, 0, 0}},
		{1, []byte{0}},
		{4, []byte{0, 0, 0, 0}}, // regrow within capacity must zero the old tail
		{64, make([]byte, 64)},
		{0, []byte{}},
	} {
		if step.n > 0 {
			copy(b.Bytes(), "xx") // dirty the head; the tail must still come back zeroed
			step.want = append([]byte(nil), step.want...)
			copy(step.want, "xx")
		}
		if err := b.Resize(step.n); err != nil {
			t.Fatalf("Resize(%d): %v", step.n, err)
		}
		got := b.Bytes()
		if len(got) != step.n {
			t.Fatalf("after Resize(%d): Len = %d", step.n, len(got))
		}
		// Only the bytes that survived from before may be non-zero.
		for i := 2; i < len(got); i++ {
			if got[i] != 0 {
				t.Fatalf("after Resize(%d): byte %d = %#x, want 0", step.n, i, got[i])
			}
		}
	}
}

func TestResizeKeepsPrefix(t *testing.T) {
	b := New(3)
	b.Lock()
	defer b.Unlock()
	copy(b.Bytes(), "abc")
	if err := b.Resize(1 << 16); err != nil {
		t.Fatal(err)
	}
	if got := string(b.Bytes()[:3]); got != "abc" {
		t.Fatalf("prefix after regrow = %q, want %q", got, "abc")
	}
	if err := b.Resize(2); err != nil {
		t.Fatal(err)
	}
	if got := string(b.Bytes()); got != "ab" {
		t.Fatalf("after truncate = %q, want %q", got, "ab")
	}
}

func TestResizeRejectsBadSizes(t *testing.T) {
	b := New(2)
	b.Lock()
	defer b.Unlock()
	copy(b.Bytes(), "ok")
	for _, n := range []int{-1, -1 << 40, MaxSize + 1} {
		err := b.Resize(n)
		if !errors.Is(err, ErrSize) || !strings.Contains(err.Error(), "Resize(") {
			t.Errorf("Resize(%d) = %v, want an error wrapping ErrSize that names Resize", n, err)
		}
	}
	if got := string(b.Bytes()); got != "ok" {
		t.Fatalf("contents after refused resizes = %q, want %q", got, "ok")
	}
}

func TestResizeRefusedWhileExported(t *testing.T) {
	b := New(4)
	b.Lock()
	copy(b.Bytes(), "data")
	v1 := b.View()
	v2 := b.View()
	if b.Exports() != 2 {
		t.Fatalf("Exports() = %d, want 2", b.Exports())
	}
	for _, n := range []int{0, 2, 4, 5, 1 << 20} {
		if err := b.Resize(n); !errors.Is(err, ErrExported) {
			t.Fatalf("Resize(%d) with two views held = %v, want ErrExported", n, err)
		}
	}
	if got := string(v1.Bytes()); got != "data" {
		t.Fatalf("view contents after refused resizes = %q", got)
	}
	p := v1.Bytes()
	b.Unlock()

	v1.Release()
	b.Lock()
	if err := b.Resize(8); !errors.Is(err, ErrExported) {
		t.Fatalf("Resize with one view still held = %v, want ErrExported", err)
	}
	b.Unlock()
	v2.Release()

	b.Lock()
	defer b.Unlock()
	if err := b.Resize(8); err != nil {
		t.Fatalf("Resize after all views released = %v", err)
	}
	if string(p) != "data" && !Checked {
		// The slice is no longer pinned; unchecked builds leave it untouched
		// because a regrow copies out of it. Checked builds poison it.
		t.Fatalf("stale slice changed in unchecked build: %q", p)
	}
}

func TestViewPinsContents(t *testing.T) {
	b := New(5)
	b.Lock()
	copy(b.Bytes(), "hello")
	v := b.View()
	if v.Len() != 5 {
		t.Fatalf("View.Len() = %d, want 5", v.Len())
	}
	p := v.Bytes()
	b.Unlock()
	// Without the lock, another goroutine tries to shrink the buffer.
	done := make(chan error)
	go func() {
		b.Lock()
		defer b.Unlock()
		done <- b.Resize(0)
	}()
	if err := <-done; !errors.Is(err, ErrExported) {
		t.Fatalf("Resize from another goroutine while viewed = %v, want ErrExported", err)
	}
	if string(p) != "hello" {
		t.Fatalf("pinned slice = %q, want %q", p, "hello")
	}
	v.Release()
}

func TestReleaseCountsOnce(t *testing.T) {
	b := New(1)
	b.Lock()
	v := b.View()
	w := b.View()
	b.Unlock()
	if v.Released() {
		t.Fatal("Released() before Release")
	}
	for range 3 {
		v.Release()
	}
	if !v.Released() || w.Released() {
		t.Fatalf("Released() = %v, %v; want true, false", v.Released(), w.Released())
	}
	if b.Exports() != 1 {
		t.Fatalf("Exports() after releasing one of two views thrice = %d, want 1", b.Exports())
	}
	w.Release()
	if b.Exports() != 0 {
		t.Fatalf("Exports() = %d, want 0", b.Exports())
	}
}

func TestConcurrentReleaseCountsOnce(t *testing.T) {
	const views, callers = 50, 8
	b := New(1)
	b.Lock()
	vs := make([]*View, views)
	for i := range vs {
		vs[i] = b.View()
	}
	b.Unlock()
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range callers {
		wg.Go(func() {
			<-start
			for _, v := range vs {
				v.Release()
			}
		})
	}
	close(start)
	wg.Wait()
	if n := b.Exports(); n != 0 {
		t.Fatalf("Exports() after %d goroutines released %d views = %d, want 0", callers, views, n)
	}
}

func TestReleaseDoesNotNeedLock(t *testing.T) {
	b := New(1)
	b.Lock()
	v := b.View()
	b.Unlock()
	b.Lock() // held by this goroutine; Release from another must still work
	done := make(chan struct{})
	go func() { v.Release(); close(done) }()
	<-done
	if b.Exports() != 0 {
		t.Fatalf("Exports() = %d, want 0", b.Exports())
	}
	b.Unlock()
}

func TestLeakReportMessage(t *testing.T) {
	msg := LeakReport{ExportedAt: "x.go:12"}.String()
	for _, want := range []string{"x.go:12", "without Release", "release it"} {
		if !strings.Contains(msg, want) {
			t.Errorf("LeakReport message %q lacks %q", msg, want)
		}
	}
}

func TestSetLeakHookReturnsPrevious(t *testing.T) {
	first := func(LeakReport) {}
	if prev := SetLeakHook(first); prev != nil {
		t.Fatal("initial hook is not nil")
	}
	if prev := SetLeakHook(nil); prev == nil {
		t.Fatal("SetLeakHook(nil) did not return the hook it replaced")
	}
	if prev := SetLeakHook(nil); prev != nil {
		t.Fatal("hook not reset to default")
	}
}
