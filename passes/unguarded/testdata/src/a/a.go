package a

import (
	"crypto/sha256"

	"github.com/buflint/buflint/buffer"
)

// Case 1: accessors inside the released region.
func accessorsAfterUnlock(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	b.Unlock()
	n := v.Len()   // want `unguarded: View.Len called while b is unlocked \(released at line 13\)`
	p := v.Bytes() // want `unguarded: View.Bytes called while b is unlocked`
	_ = sha256.Sum256(p[:n])
	v.Release()
}

// The fixed form: accessors before Unlock, view held, Release after the work.
func accessorsBeforeUnlock(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	n, p := v.Len(), v.Bytes()
	b.Unlock()
	_ = sha256.Sum256(p[:n])
	v.Release()
}

func bufferAccessorsAfterUnlock(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	_ = b.View()   // want `unguarded: Buffer.View called while b is unlocked`
	_ = b.Bytes()  // want `unguarded: Buffer.Bytes called while b is unlocked`
	return b.Len() // want `unguarded: Buffer.Len called while b is unlocked`
}

// Entered released: the first lock operation is Lock.
func beforeLock(b *buffer.Buffer) int {
	n := b.Len() // want `unguarded: Buffer.Len called while b is not locked yet \(this function first locks it at line 41\)`
	b.Lock()
	defer b.Unlock()
	return n + b.Len()
}

// Entered held: the first lock operation is Unlock.
func enteredHeld(b *buffer.Buffer) int {
	n := b.Len()
	b.Unlock()
	b.Lock()
	return n + b.Len()
}

// Case 7: released on one branch only.
func oneBranch(b *buffer.Buffer, slow bool) int {
	b.Lock()
	if slow {
		b.Unlock()
	}
	n := b.Len() // want `unguarded: Buffer.Len called while b may be unlocked \(released at line 58 on some path\)`
	if !slow {
		b.Unlock()
	}
	return n
}

func bothBranchesRelock(b *buffer.Buffer, slow bool) int {
	b.Lock()
	defer b.Unlock()
	if slow {
		b.Unlock()
		b.Lock()
	}
	return b.Len()
}

// Case 7: Unlock/Lock inside a loop.
func loop(b *buffer.Buffer, n int) int {
	total := 0
	b.Lock()
	for i := 0; i < n; i++ {
		total += b.Len() // want `unguarded: Buffer.Len called while b may be unlocked \(released at line 84 on some path\)`
		if i%2 == 0 {
			b.Unlock()
			continue
		}
	}
	b.Unlock()
	return total
}

func loopRelocks(b *buffer.Buffer, n int) int {
	total := 0
	for i := 0; i < n; i++ {
		b.Lock()
		total += b.Len()
		b.Unlock()
	}
	return total
}

// Case 7: defer b.Unlock() keeps the lock held to the end.
func deferred(b *buffer.Buffer) []byte {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	defer v.Release()
	return append([]byte(nil), v.Bytes()...)
}

// Case 7: an early return between Unlock and Lock.
func earlyReturn(b *buffer.Buffer, fail bool) int {
	b.Lock()
	b.Unlock()
	if fail {
		return 0
	}
	b.Lock()
	defer b.Unlock()
	return b.Len()
}

func earlyReturnBad(b *buffer.Buffer, fail bool) int {
	b.Lock()
	b.Unlock()
	if fail {
		return b.Len() // want `unguarded: Buffer.Len called while b is unlocked \(released at line 125\)`
	}
	b.Lock()
	defer b.Unlock()
	return b.Len()
}

// Panics leave the function; the path after them is not followed.
func panics(b *buffer.Buffer) int {
	b.Lock()
	if b.Len() == 0 {
		b.Unlock()
		panic("empty")
	}
	defer b.Unlock()
	return b.Len()
}

// TryLock holds the lock on its success branch only.
func tryLock(b *buffer.Buffer) int {
	if !b.TryLock() {
		return b.Len() // want `unguarded: Buffer.Len called while b is not locked yet`
	}
	defer b.Unlock()
	return b.Len()
}

func tryLockOk(b *buffer.Buffer) int {
	if b.TryLock() {
		defer b.Unlock()
		return b.Len()
	}
	return -1
}

// Method values: unlock := b.Unlock; defer unlock().
func methodValue(b *buffer.Buffer) int {
	b.Lock()
	unlock := b.Unlock
	defer unlock()
	return b.Len()
}

func methodValueCalled(b *buffer.Buffer) int {
	b.Lock()
	unlock := b.Unlock
	unlock()
	return b.Len() // want `unguarded: Buffer.Len called while b is unlocked`
}

// Lock identity follows the buffer value: fields, copies and phis.
type S struct {
	buf   *buffer.Buffer
	other *buffer.Buffer
}

func fields(s *S) int {
	s.buf.Lock()
	s.other.Lock()
	s.other.Unlock()
	n := s.buf.Len() // the other buffer was released, not this one
	c := s.buf
	c.Unlock()
	return n + s.buf.Len() // want `unguarded: Buffer.Len called while s.buf is unlocked`
}

func distinctBuffersNotMerged(x, y *buffer.Buffer, pick bool) int {
	b := x
	if pick {
		b = y
	}
	x.Lock()
	x.Unlock()
	b.Lock()
	defer b.Unlock()
	return b.Len() // b may be y: still held, since b was locked itself
}

// Release is lock-free and idempotent (case 9).
func releaseTwice(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	b.Unlock()
	v.Release()
	v.Release()
	_ = v.Released()
	_ = b.Exports()
}
