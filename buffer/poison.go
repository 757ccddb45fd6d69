package buffer

import "sync/atomic"

// Poison is the byte that checked builds write over memory a [Buffer.Resize]
// abandons, so that a stale slice into it reads an unmistakable pattern.
const Poison byte = 0xDB

// LeakReport describes a [View] that became unreachable without being
// released. Only checked builds (-tags bufcheck) detect leaks.
type LeakReport struct {
	// ExportedAt is the file:line of the call to [Buffer.View] that took the
	// leaked view.
	ExportedAt string
}

func (r LeakReport) String() string {
	return "buffer: view exported at " + r.ExportedAt +
		" became unreachable without Release; it pinned the buffer until collected: release it when the work on its slice is done"
}

var leakHook atomic.Pointer[func(LeakReport)]

// SetLeakHook sets the function that checked builds call, from a background
// goroutine, for every leaked view, and returns the previous one. A nil hook
// restores the default, which prints the report on standard error. Builds
// without -tags bufcheck never call it.
func SetLeakHook(hook func(LeakReport)) (previous func(LeakReport)) {
	var old *func(LeakReport)
	if hook == nil {
		old = leakHook.Swap(nil)
	} else {
		old = leakHook.Swap(&hook)
	}
	if old == nil {
		return nil
	}
	return *old
}
