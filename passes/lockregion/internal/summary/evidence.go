package summary

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/dataflow"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// Confirm keeps the candidate guards of the package's fields that its
// solved functions bear out (see confirm), and reports whether every
// candidate dropped went unaccessed: then an analysis with only the
// confirmed guards would be the same as the one solved with them all.
func (s *Summaries) Confirm(cands map[*types.Var]*facts.GuardFact, funcs []*dataflow.Func, atomic func(*types.Var) bool) (map[*types.Var]*facts.GuardFact, bool) {
	ev := s.evidence(funcs)
	guards := confirm(cands, ev, atomic)
	same := true
	for v := range cands {
		if guards[v] == nil && ev[v] != nil {
			same = false
		}
	}
	return guards, same
}

// evidence is what the package's code shows of one candidate guard.
type evidence struct {
	held       int // accesses made with the guard held on every path
	writes     int // writes, outside objects not yet shared
	heldWrites int // in-place writes made with the guard held exclusively on every path
	heldStores int // writes of any kind made with the guard held exclusively on every path
	unlocked   int // writes made where the guard may be released
}

// confirm keeps the candidate guards that the code bears out. An
// annotation is trusted as written. A comment that names the lock needs,
// for a buffer, the field written somewhere after its object is shared (a
// field only constructors write is immutable, and reading it needs no
// lock) and accessed once with the lock held. The convention and use need,
// for a buffer, its storage changed in place (appended to, resliced, its
// elements or contents written) with the lock held exclusively: a buffer
// reused under the lock, not a value assigned once under it and read-only
// afterwards, as lazily initialized tables are. For a field of another
// type (a count, a slice of pointers, flags), whatever said it is guarded,
// a comment or the convention, the code must show a change of its own
// value under the lock (s.n++, append), which a value set once and
// published (an error, a lazily made table, a pointer swapped) does not,
// and no access through sync/atomic; without a comment, also no write
// where the lock may be released. Use also needs no write of a buffer where the lock may be
// released.
func confirm(cands map[*types.Var]*facts.GuardFact, ev map[*types.Var]*evidence, atomic func(*types.Var) bool) map[*types.Var]*facts.GuardFact {
	out := map[*types.Var]*facts.GuardFact{}
	for v, g := range cands {
		e := ev[v]
		if e == nil {
			e = &evidence{}
		}
		switch {
		case g.How == facts.ByAnnotation:
		case !bufmodel.IsBufferType(v.Type()):
			// A comment says which lock; the convention only suggests it,
			// and a write where the lock is released refutes it.
			if e.heldWrites == 0 || atomic(v) || (g.How != facts.ByComment && e.unlocked > 0) {
				continue
			}
		case g.How == facts.ByComment:
			if e.writes == 0 || e.held == 0 {
				continue
			}
		case g.How == facts.ByConvention:
			if e.heldWrites == 0 {
				continue
			}
		case g.How == facts.ByUse:
			if e.heldWrites == 0 || e.unlocked > 0 {
				continue
			}
		}
		out[v] = g
	}
	return out
}

// evidence collects, for each candidate guard of the package's fields, what
// the solved functions show of it: accesses with the lock held, writes, and
// writes where it may be released.
func (s *Summaries) evidence(funcs []*dataflow.Func) map[*types.Var]*evidence {
	out := map[*types.Var]*evidence{}
	for _, f := range funcs {
		if !f.Complete || f.Ignored() {
			continue
		}
		f.Walk(dataflow.Visitor{Event: func(ev dataflow.Event, st *dataflow.State) {
			if ev.Field == nil || ev.Helper != nil || !ev.Effect.Has(bufmodel.Require) {
				return
			}
			e := out[ev.Field]
			if e == nil {
				e = &evidence{}
				out[ev.Field] = e
			}
			c := st.Guard(ev.Guard)
			held := c.S&(facts.Held|facts.ReadHeld) != 0 && c.S&(facts.Released|facts.Unknown) == 0
			if held {
				e.held++
			}
			if ev.Mode == bufmodel.Exclusive {
				e.writes++
				if c.S == facts.Held {
					e.heldStores++
				}
				if ev.InPlace && c.S == facts.Held {
					e.heldWrites++
				}
				if c.MayBe(facts.Released) {
					e.unlocked++
				} else if _, entry := s.EntryAcquirer(f, ev.Guard, ev.Field); entry && c.S == facts.Unknown {
					e.unlocked++ // an exported method that callers call unlocked
				}
			}
		}})
	}
	return out
}

// EntryAcquirer reports whether f is an entry point for the guard k of the
// field fld it accesses without taking k: an exported method, reached by
// callers outside the package who cannot take the guard (an unexported
// lock reached from the receiver), not named ...Locked, of a type another
// of whose methods takes k itself, which shows the type is meant for
// concurrent use under k. It returns that method, the first by name so
// that messages do not depend on map order.
func (s *Summaries) EntryAcquirer(f *dataflow.Func, k dataflow.Key, fld *types.Var) (*ssa.Function, bool) {
	obj, ok := f.Fn.Object().(*types.Func)
	recv := f.Fn.Signature.Recv()
	if !ok || f.Start != dataflow.Called || !obj.Exported() || recv == nil || len(f.Fn.Params) == 0 ||
		k.Root != f.Fn.Params[0] || strings.HasSuffix(obj.Name(), "Locked") {
		return nil, false
	}
	g := s.DF.GuardOf(fld)
	if g == nil || token.IsExported(g.Lock[strings.LastIndexByte(g.Lock, '.')+1:]) {
		return nil, false
	}
	named := namedType(recv.Type())
	steps := k.Path.Steps()
	var best *ssa.Function
	for fn, fact := range s.sums {
		if fact == nil || fn == f.Fn || fn.Signature.Recv() == nil || namedType(fn.Signature.Recv().Type()) != named {
			continue
		}
		for _, p := range fact.Params {
			if p.Param == 0 && p.Entry == facts.Released && slices.Equal(p.Path, steps) &&
				(best == nil || s.DF.FuncName(fn) < s.DF.FuncName(best)) {
				best = fn
			}
		}
	}
	return best, best != nil
}

// namedType returns the named type t is or points to.
func namedType(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}
