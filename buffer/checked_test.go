//go:build bufcheck

package buffer

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// mustPanic runs f and fails unless it panics with a message containing every
// one of wants.
func mustPanic(t *testing.T, f func(), wants ...string) {
	t.Helper()
	msg := func() (msg string) {
		defer func() { msg = fmt.Sprint(recover()) }()
		f()
		return "<nil>"
	}()
	if msg == "<nil>" {
		t.Fatalf("no panic; want one mentioning %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(msg, w) {
			t.Errorf("panic message %q lacks %q", msg, w)
		}
	}
}

func TestCheckedAccessorsWithoutLock(t *testing.T) {
	b := New(4)
	for name, call := range map[string]func(){
		"Buffer.Len":    func() { b.Len() },
		"Buffer.Bytes":  func() { b.Bytes() },
		"Buffer.View":   func() { b.View() },
		"Buffer.Resize": func() { _ = b.Resize(1) },
	} {
		mustPanic(t, call, name, "without holding the buffer's lock", "not locked", "call Lock first")
	}
}

func TestCheckedAccessorFromOtherGoroutine(t *testing.T) {
	b := New(4)
	b.Lock()
	defer b.Unlock()
	done := make(chan struct{})
	go func() {
		defer close(done)
		mustPanic(t, func() { b.Len() }, "Buffer.Len", "held by goroutine")
	}()
	<-done
}

func TestCheckedViewAccessorsNeedLock(t *testing.T) {
	b := New(4)
	b.Lock()
	v := b.View()
	b.Unlock()
	defer v.Release()
	mustPanic(t, func() { v.Bytes() }, "View.Bytes", "without holding")
	mustPanic(t, func() { v.Len() }, "View.Len", "without holding")
}

func TestCheckedUnlockByNonHolder(t *testing.T) {
	b := New(1)
	mustPanic(t, b.Unlock, "Unlock", "does not hold", "not locked")
	b.Lock()
	done := make(chan struct{})
	go func() {
		defer close(done)
		mustPanic(t, b.Unlock, "Unlock", "held by goroutine")
	}()
	<-done
	b.Unlock()
}

func TestCheckedTryLockRecordsHolder(t *testing.T) {
	b := New(1)
	if !b.TryLock() {
		t.Fatal("TryLock failed")
	}
	_ = b.Len() // must not panic: TryLock made this goroutine the holder
	b.Unlock()
}

func TestCheckedViewUseAfterRelease(t *testing.T) {
	b := New(4)
	b.Lock()
	defer b.Unlock()
	v := b.View()
	_, file, line, _ := runtime.Caller(0)
	v.Release() // the line after Caller: the message must name it
	releasedAt := fmt.Sprintf("%s:%d", file, line+1)
	mustPanic(t, func() { v.Bytes() }, "View.Bytes called after Release", "released at "+releasedAt, "exported at "+file)
	mustPanic(t, func() { v.Len() }, "View.Len called after Release", releasedAt)
}

func TestCheckedPoisonTruncatedTail(t *testing.T) {
	b := New(4)
	b.Lock()
	defer b.Unlock()
	copy(b.Bytes(), "abcd")
	stale := b.Bytes()
	if err := b.Resize(1); err != nil {
		t.Fatal(err)
	}
	if want := "a" + string(bytes.Repeat([]byte{Poison}, 3)); string(stale) != want {
		t.Fatalf("stale alias after truncate = %q, want %q", stale, want)
	}
	if err := b.Resize(4); err != nil {
		t.Fatal(err)
	}
	if got := string(b.Bytes()); got != "a\x00\x00\x00" {
		t.Fatalf("regrow within capacity = %q, want zero fill", got)
	}
}

func TestCheckedPoisonOldArrayOnRegrow(t *testing.T) {
	b := New(2)
	b.Lock()
	defer b.Unlock()
	copy(b.Bytes(), "ab")
	v := b.View()
	p := v.Bytes()
	v.Release()
	if err := b.Resize(1 << 12); err != nil {
		t.Fatal(err)
	}
	if string(p) != string([]byte{Poison, Poison}) {
		t.Fatalf("slice of a released view after regrow = %q, want poison", p)
	}
	if got := string(b.Bytes()[:2]); got != "ab" {
		t.Fatalf("new contents = %q, want prefix kept", got)
	}
}

func TestCheckedLeakReported(t *testing.T) {
	reports := make(chan LeakReport, 4)
	prev := SetLeakHook(func(r LeakReport) { reports <- r })
	defer SetLeakHook(prev)

	b := New(1)
	leakedAt := leakView(b) // leaks one view
	releaseView(b)          // takes and releases one: must not be reported
	deadline := time.After(10 * time.Second)
	for {
		runtime.GC()
		select {
		case r := <-reports:
			if r.ExportedAt != leakedAt {
				t.Fatalf("leak reported at %s, want %s", r.ExportedAt, leakedAt)
			}
			select {
			case extra := <-reports:
				t.Fatalf("released view reported as a leak: %v", extra)
			case <-time.After(100 * time.Millisecond):
			}
			return
		case <-deadline:
			t.Fatal("no leak report within 10s")
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// leakView takes a view and drops it, returning where it took it.
//
//go:noinline
func leakView(b *Buffer) (at string) {
	b.Lock()
	_, file, line, _ := runtime.Caller(0)
	_ = b.View() // the line after Caller
	b.Unlock()
	return fmt.Sprintf("%s:%d", file, line+1)
}

//go:noinline
func releaseView(b *Buffer) {
	b.Lock()
	b.View().Release()
	b.Unlock()
}
