package buffer

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzOps drives a random sequence of operations, held under the lock by one
// goroutine, against a reference model: a plain byte slice and a count of
// views held. Each input byte pair is one operation and its argument.
func FuzzOps(f *testing.F) {
	f.Add([]byte{0, 0, 2, 9, 1, 0, 2, 9})         // view, resize refused, release, resize
	f.Add([]byte{2, 200, 3, 5, 0, 0, 3, 1, 1, 0}) // resize, write, view, write, release
	f.Add([]byte{0, 0, 0, 0, 1, 0, 1, 0, 1, 1})   // two views, releases past the end
	f.Fuzz(func(t *testing.T, ops []byte) {
		b := New(0)
		var model []byte
		type heldView struct {
			v        *View
			released bool
		}
		var views []heldView
		held := 0

		b.Lock()
		defer b.Unlock()
		for i := 0; i+1 < len(ops); i += 2 {
			op, arg := ops[i]%5, int(ops[i+1])
			switch op {
			case 0: // take a view
				views = append(views, heldView{v: b.View()})
				held++
			case 1: // release a view, perhaps again
				if len(views) == 0 {
					continue
				}
				hv := &views[arg%len(views)]
				hv.v.Release()
				if !hv.released {
					hv.released = true
					held--
				}
			case 2: // resize
				err := b.Resize(arg)
				if held > 0 {
					if !errors.Is(err, ErrExported) {
						t.Fatalf("op %d: Resize(%d) with %d views held = %v, want ErrExported", i/2, arg, held, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("op %d: Resize(%d) = %v", i/2, arg, err)
				}
				if arg <= len(model) {
					model = model[:arg]
				} else {
					model = append(model, make([]byte, arg-len(model))...)
				}
			case 3: // write through the unpinned alias, as a lock holder may
				if len(model) == 0 {
					continue
				}
				b.Bytes()[arg%len(model)] = byte(arg)
				model[arg%len(model)] = byte(arg)
			case 4: // negative resize: refused, nothing changes
				if err := b.Resize(-1 - arg); !errors.Is(err, ErrSize) {
					t.Fatalf("op %d: Resize(%d) = %v, want ErrSize", i/2, -1-arg, err)
				}
			}
			if b.Exports() != held {
				t.Fatalf("op %d: Exports() = %d, model has %d views held", i/2, b.Exports(), held)
			}
			if !bytes.Equal(b.Bytes(), model) || b.Len() != len(model) {
				t.Fatalf("op %d: contents %v, model %v", i/2, b.Bytes(), model)
			}
			// Every view still held sees the current contents: nothing moved.
			for _, hv := range views {
				if !hv.released && !bytes.Equal(hv.v.Bytes(), model) {
					t.Fatalf("op %d: held view sees %v, model %v", i/2, hv.v.Bytes(), model)
				}
				if hv.v.Released() != hv.released {
					t.Fatalf("op %d: Released() = %v, model %v", i/2, hv.v.Released(), hv.released)
				}
			}
		}
	})
}
