package b

import (
	"github.com/buflint/buflint/buffer"

	"helpers"
)

// Case 8: a helper that calls an accessor, called from a released region,
// from another package: flagged at the call, naming the helper.
func crossPackage(b *buffer.Buffer) int {
	b.Lock()
	n := helpers.Size(b)
	b.Unlock()
	return n + helpers.Size(b) // want `unguarded: call to helpers.Size needs b locked \(it calls Buffer.Len\), but b is unlocked \(released at line 14\)`
}

func crossPackageMethod(h *helpers.Holder) int {
	h.Buf.Lock()
	h.Buf.Unlock()
	return h.Size() // want `unguarded: call to \(\*helpers.Holder\).Size needs h.Buf locked`
}

// A helper that takes the lock leaves it held.
func lockHelper(b *buffer.Buffer) int {
	helpers.Locked(b)
	defer b.Unlock()
	return b.Len()
}

// A helper that drops and retakes the lock is a summary, not a mismatch.
func dropHelper(b *buffer.Buffer) int {
	b.Lock()
	defer b.Unlock()
	helpers.Wait(b)
	return b.Len()
}

// go f(b) is checked against f's facts: a goroutine does not hold the lock.
func goHelper(b *buffer.Buffer) {
	b.Lock()
	defer b.Unlock()
	go helpers.Size(b) // want `unguarded: helpers.Size needs b locked \(it calls Buffer.Len\), but it is started as a goroutine`
}

// The same package: helpers summarized before their callers.
func localSize(b *buffer.Buffer) int { return b.Len() }

func sameWrapper(b *buffer.Buffer) int { return localSize(b) + 1 }

func samePackage(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	return sameWrapper(b) // want `unguarded: call to sameWrapper needs b locked \(it calls localSize\)`
}

func samePackageOk(b *buffer.Buffer) int {
	b.Lock()
	defer b.Unlock()
	return sameWrapper(b)
}

// Recursion does not loop forever.
func recursive(b *buffer.Buffer, n int) int {
	if n == 0 {
		return b.Len()
	}
	return recursive(b, n-1)
}

// A helper whose exit differs by path, on a parameter: it locks unless
// done, and when done leaves the lock as the caller had it, which may be
// held. Its fact says "locked or unchanged", so the read after it is a
// requirement of mixedExit's, not a finding. (The early return is the
// first block in source order; it must not be lost.)
func mixedExit(b *buffer.Buffer, done bool) int {
	helpers.LockUnlessDone(b, done)
	return b.Len()
}

func mixedExitRelease(b *buffer.Buffer, done bool) int {
	b.Lock()
	helpers.UnlockIfDone(b, done)
	return b.Len() // want `unguarded: Buffer.Len called while b may be unlocked \(the call at line \d+ may leave it unlocked\)`
}

// A mixed exit followed by nothing that needs the lock is not a finding.
// (Facts do not depend on argument values: a caller that locks exactly on
// the paths where such a helper did not is taken as unlocked on some path.)
func mixedExitNoRead(b *buffer.Buffer, done bool) int {
	helpers.LockUnlessDone(b, done)
	return b.Exports()
}
