package flows

// Package flows exercises every way a reference into buffer data flows
// through SSA, for the test that FlowOf and Sources agree.

import (
	"unsafe"

	"github.com/buflint/buflint/buffer"
)

var sink []byte

func Flows(b *buffer.Buffer, cond bool) (n int) { // want Flows:`lockfact\(requires b unlocked\)`
	b.Lock()
	p := b.Bytes()
	q := p[1:]                                // Slice: derive
	e := &p[0]                                // IndexAddr: derive
	u := uintptr(unsafe.Pointer(e)) + 1       // Convert, BinOp arithmetic: derive
	s := string(q)                            // Convert to string: use
	r := append(q, 1)                         // append: use and derive
	a := (*[1]byte)(p)                        // SliceToArrayPointer: derive
	var i any = p                             // MakeInterface: derive
	if p != nil && len(p) > 0 && cap(q) > 0 { // comparison, len, cap: inspect
		n++
	}
	y := p
	if cond {
		y = q // Phi: derive
	}
	x := y
	f := func() byte { return x[0] } // MakeClosure: inspect; the load is followed
	sink = r                         // Store to a global: use
	b.Unlock()
	_, _, _ = s, u, i
	return n + int(a[0]) + int(f())
}
