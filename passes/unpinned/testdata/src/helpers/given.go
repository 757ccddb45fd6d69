package helpers

import (
	"bytes"
	"sync"

	"pooldep"
)

// Objects given back to a pool, whatever made them: after the Put the
// next Get may hand them to another goroutine.

var sizedPool = sync.Pool{New: func() any { s := make([]byte, 0, 512); return &s }}

// putSized reads the slice header after the Put (thanos' BucketedBytes).
func putSized(b *[]byte, used *int) {
	sizedPool.Put(b)
	*used -= cap(*b) // want `unpinned: b is used after the Put of b back into its pool at line 17; the pool may already have handed it to another goroutine`
}

// putSizedFixed reads it first.
func putSizedFixed(b *[]byte, used *int) {
	n := cap(*b)
	sizedPool.Put(b)
	*used -= n
}

// putOnSomePath gives it back in a loop that may not find a class.
func putOnSomePath(b *[]byte, classes []int) int {
	for _, c := range classes {
		if cap(*b) > c {
			continue
		}
		sizedPool.Put(b)
		break
	}
	return len(*b) // want `unpinned: b is used after the Put of b back into its pool at line 34 on some path`
}

type pconn struct {
	buf []byte
	n   int
}

var pconns = sync.Pool{New: func() any { return new(pconn) }}

// releasePconn forgets the connection after giving it back, and resets a
// field of it: the next user's field.
func releasePconn(c *pconn) {
	pconns.Put(c)
	c.n = 0 // want `unpinned: c is used after the Put of c back into its pool`
}

// releasePconnFixed resets first.
func releasePconnFixed(c *pconn) {
	c.n = 0
	c.buf = c.buf[:0]
	pconns.Put(c)
	c = nil
	_ = c
}

// putTwice gives the same object back twice: two Gets may return it.
func putTwice(c *pconn, closing bool) {
	pconns.Put(c)
	if closing {
		pconns.Put(c) // want `unpinned: c is used after the Put of c back into its pool at line 65`
	}
}

// putAll gives back each element: each iteration's value is another one.
func putAll(cs []*pconn) {
	for _, c := range cs {
		if c == nil {
			continue
		}
		pconns.Put(c)
	}
}

// putThenCompare only compares the pointer.
func putThenCompare(c, last *pconn) bool {
	pconns.Put(c)
	return c == last
}

// field gives back what a field holds, then writes through it.
type pframe struct{ hdr *pconn }

func (f *pframe) close() {
	h := f.hdr
	pconns.Put(h)
	h.buf = nil // want `unpinned: h is used after the Put of f.hdr back into its pool`
	f.hdr = nil
}

// Through a helper whose fact says it puts its argument, here and in
// another package.
func recycle(c *pconn) { pconns.Put(c) }

func afterHelper(c *pconn) int {
	recycle(c)
	return c.n // want `unpinned: c is used after the call to recycle at line 102, which gives c back to its pool; the pool may already`
}

func afterRemoteHelper(b *bytes.Buffer) int {
	pooldep.Put(b)
	return b.Len() // want `unpinned: b is used after the call to pooldep.Put at line 107, which gives b back to its pool`
}

func beforeRemoteHelper(b *bytes.Buffer) int {
	n := b.Len()
	pooldep.Put(b)
	return n
}

// A deferred Put runs after the result is computed.
func deferredPut(c *pconn) int {
	defer pconns.Put(c)
	return c.n
}

// A function literal called in place gives it back.
func afterLiteral(c *pconn) int {
	release := func() { pconns.Put(c) }
	release()
	return c.n // want `unpinned: c is used after the call at line 126 to the function literal at line 125, which gives c back to its pool`
}

// A value handed on a channel is the receiver's, then given back there.
func sendThenPut(ch chan<- int, c *pconn) {
	ch <- c.n
	pconns.Put(c)
}

// A helper that says whether it gave the object back: the caller keeps it
// on the other branch.
func recycleIfIdle(c *pconn) bool {
	if c.n > 0 {
		return false
	}
	pconns.Put(c)
	return true
}

func afterReportingHelper(c *pconn) {
	if !recycleIfIdle(c) {
		c.n--
	}
}

// A helper that gives back what a variable holds and stores a new object
// there.
func renew(cp **pconn) {
	pconns.Put(*cp)
	*cp = pconns.Get().(*pconn)
}

func afterRenew(c *pconn) int {
	renew(&c)
	return c.n
}

// A literal that gives the captured object back and forgets it.
func afterForgettingLiteral(c *pconn) int {
	drop := func() {
		pconns.Put(c)
		c = new(pconn)
	}
	drop()
	return c.n
}

// Handing the pointer itself to a function only passes its value on: what
// it points to is the pool's, the pointer is not. Quiet.
func putThenReport(c *pconn, seen func(any)) {
	pconns.Put(c)
	seen(c)
}

// Returning it gives the caller an object the pool owns.
func putThenReturn(c *pconn) *pconn {
	pconns.Put(c)
	return c // want `unpinned: c is returned after the Put of c back into its pool`
}
