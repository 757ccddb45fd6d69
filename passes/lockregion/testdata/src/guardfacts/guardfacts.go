package guardfacts // want package:"hasargfacts"

// The facts of guarded fields and of functions that touch them, with and
// without checklocks annotations.

import (
	"bytes"
	"sync"
)

type T struct {
	mu  sync.RWMutex
	buf bytes.Buffer // want buf:`guardedby\(mu, convention\)`
	raw []byte       // want raw:`guardedby\(mu, convention\)`

	// Written outside the lock: the convention is not borne out.
	loose []byte

	// +checklocks:mu
	n int // want n:`guardedby\(mu, annotation\)`
}

func (t *T) Write(p []byte) { // want Write:`lockfact\(requires t.mu unlocked\)`
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	t.raw = append(t.raw, p...)
	t.n++
	_ = len(t.loose)
}

func (t *T) SetLoose(p []byte) { t.loose = p } // want SetLoose:`lockfact\(retains p\)`

func (t *T) writeLocked(p []byte) { // want writeLocked:`lockfact\(requires t.mu locked\)`
	t.buf.Write(p)
}

func (t *T) lenLocked() int { // want lenLocked:`lockfact\(requires t.mu read-locked\)`
	return t.buf.Len()
}

// +checklocks:t.mu
func (t *T) annotated() {} // want annotated:`lockfact\(requires t.mu locked\)`

// +checklocksread:t.mu
func (t *T) annotatedRead() {} // want annotatedRead:`lockfact\(requires t.mu read-locked\)`

// +checklocksacquire:t.mu
func (t *T) acquire() { // want acquire:`lockfact\(requires t.mu unlocked, returns with t.mu locked\)`
	t.mu.Lock()
}

// +checklocksrelease:t.mu
func (t *T) release() { // want release:`lockfact\(requires t.mu locked, returns with t.mu unlocked\)`
	t.mu.Unlock()
}

// +checklocksignore
func (t *T) ignored() int { return t.n }

// A captured receiver keeps its facts: the closure reads it, never stores it.
func (t *T) Closure() { // want Closure:`lockfact\(requires t.mu unlocked\)`
	t.mu.Lock()
	func() { t.buf.WriteByte('x') }()
	t.mu.Unlock()
}
