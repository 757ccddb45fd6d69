package shapes // want package:"haslockfacts"

// Package shapes holds code of every shape the engine must survive: buffers
// in slices, maps, interfaces and generics, huge functions, odd control flow.

import (
	"sync"

	"github.com/buflint/buflint/buffer"
)

type locker interface {
	Lock()
	Unlock()
	Len() int
}

var _ locker = (*buffer.Buffer)(nil)

func viaInterface(l locker) int {
	l.Lock()
	l.Unlock()
	return l.Len() // an interface: identity unknown, silent
}

func slices(bufs []*buffer.Buffer, i int) int { // want slices:`lockfact\(requires bufs\[0\] unlocked\)`
	bufs[0].Lock()
	defer bufs[0].Unlock()
	bufs[i].Lock()
	bufs[i].Unlock()
	return bufs[0].Len()
}

func maps(m map[string]*buffer.Buffer) int {
	m["a"].Lock()
	defer m["a"].Unlock()
	return m["a"].Len()
}

func generic[B interface {
	*buffer.Buffer
	Lock()
	Unlock()
}](b B) {
	b.Lock()
	b.Unlock()
}

func useGeneric(b *buffer.Buffer) { generic(b) }

type Box[T any] struct {
	buf *buffer.Buffer
	val T
}

func (x *Box[T]) Size() int { return x.buf.Len() } // want Size:`lockfact\(requires x.buf locked\)`

func boxes(x *Box[int]) int { // want boxes:`lockfact\(requires x.buf unlocked\)`
	x.buf.Lock()
	defer x.buf.Unlock()
	return x.Size()
}

func gotoLoop(b *buffer.Buffer, n int) int { // want gotoLoop:`lockfact\(requires b unlocked\)`
	b.Lock()
	defer b.Unlock()
	i := 0
again:
	if i < n {
		i += b.Len()
		goto again
	}
	return i
}

func selects(b *buffer.Buffer, ch chan int, mu *sync.Mutex) int { // want selects:`lockfact\(requires b unlocked; requires mu unlocked\)`
	b.Lock()
	defer b.Unlock()
	select {
	case v := <-ch:
		return v + b.Len()
	default:
	}
	mu.Lock()
	defer mu.Unlock()
	return b.Len()
}

func recursive(b *buffer.Buffer, n int) int { // want recursive:`lockfact\(requires b locked\)`
	if n == 0 {
		return b.Len()
	}
	return recursive(b, n-1)
}

func noReturn(b *buffer.Buffer) { // want noReturn:`lockfact\(requires b unlocked\)`
	b.Lock()
	for {
		_ = b.Len()
	}
}
