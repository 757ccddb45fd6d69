package facts // want package:"haslockfacts"

import "github.com/buflint/buflint/buffer"

func Size(b *buffer.Buffer) int { return b.Len() } // want Size:`lockfact\(requires b locked\)`

func Lock(b *buffer.Buffer) { b.Lock() } // want Lock:`lockfact\(requires b unlocked, returns with b locked\)`

func Unlock(b *buffer.Buffer) { b.Unlock() } // want Unlock:`lockfact\(requires b locked, returns with b unlocked\)`

func Drop(b *buffer.Buffer) { // want Drop:`lockfact\(requires b locked, releases b during the call\)`
	b.Unlock()
	b.Lock()
}

func Balanced(b *buffer.Buffer) int { // want Balanced:`lockfact\(requires b unlocked\)`
	b.Lock()
	defer b.Unlock()
	return b.Len()
}

func Wrapper(b *buffer.Buffer) int { return Size(b) } // want Wrapper:`lockfact\(requires b locked\)`

type T struct{ buf buffer.Buffer }

func (t *T) Len() int { return t.buf.Len() } // want Len:`lockfact\(requires t.buf locked\)`

func LockFree(b *buffer.Buffer) int { return b.Exports() } // no fact: lock-free

// Exits that differ by path are a set, early returns included.
func LockUnlessDone(b *buffer.Buffer, done bool) { // want LockUnlessDone:`lockfact\(returns with b locked or unchanged\)`
	if done {
		return
	}
	b.Lock()
}
