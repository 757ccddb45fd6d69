package guarded

import "sync"

// Inner holds the lock for Outer's buffer.
type Inner struct {
	mu sync.Mutex
}

// Outer's buffer is guarded by a lock in another struct, by annotation.
type Outer struct {
	in *Inner

	data []byte //buflint:guardedby in.mu

	// +checklocks:mu
	count int
	mu    sync.Mutex

	bad []byte //buflint:guardedby nosuch // want `unguarded: //buflint:guardedby nosuch names no lock: there is no field nosuch in the struct; name a sync.Mutex or sync.RWMutex field of the struct`
}

func (o *Outer) Add(p []byte) {
	o.in.mu.Lock()
	o.data = append(o.data, p...)
	o.in.mu.Unlock()
	o.data = nil // want `unguarded: o.data written while o.in.mu is unlocked \(released at line 26\); o.in.mu guards data \(as annotated\)`
}

// An annotation is trusted for any field type, as checklocks does.
func (o *Outer) Count() int {
	o.mu.Lock()
	o.mu.Unlock()
	return o.count // want `unguarded: o.count read while o.mu is unlocked`
}

// +checklocks:o.mu
func (o *Outer) incLocked() {
	o.count++
}

// +checklocksread:o.mu
func (o *Outer) peekLocked() int {
	return 0
}

func (o *Outer) Inc() {
	o.mu.Lock()
	o.incLocked()
	o.mu.Unlock()
	o.incLocked() // want `unguarded: call to \(\*Outer\).incLocked needs o.mu locked \(it calls its \+checklocks annotation\)`
}

// +checklocksignore
func (o *Outer) Unchecked() int {
	return o.count
}

// +checklocks:nosuch.mu // want `unguarded: \+checklocks:nosuch.mu names no lock: there is no parameter nosuch`
func broken() {}

// +checklocksacquire:o.mu
func (o *Outer) lock() {
	o.mu.Lock()
}

func (o *Outer) ViaHelper() int {
	o.lock()
	defer o.mu.Unlock()
	return o.count
}
