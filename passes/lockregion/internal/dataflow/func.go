package dataflow

import (
	"go/token"
	"iter"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file defines a function analyzed in one context (Func), how it is
// prepared for solving, and how the checks replay it (Walk).

// Start says how a function context is entered.
type Start uint8

const (
	Called    Start = iota // by some caller: entry states are inferred
	InPlace                // a function literal called where it stands (or deferred, or a loop body of range-over-func): the caller's states
	Goroutine              // the body of a go statement: every lock released
)

// A Func is one function analyzed in one context. A function literal called
// in place or started as a goroutine is analyzed in each such context, with
// keys rooted at its free variables renamed to the caller's, so that its
// states and the caller's speak of the same buffers.
type Func struct {
	Fn    *ssa.Function
	Start Start
	// At is the call or go statement that starts an InPlace or Goroutine context.
	At token.Pos
	// Complete is false when the function was too large to solve within
	// the budget; passes report nothing from an incomplete function.
	Complete bool

	a        *Package
	parent   *Func
	bindings []ssa.Value // the closure's bindings, in the parent
	args     []ssa.Value // arguments of the in-place call or go statement, in the parent
	init     *State
	in       []*State // per block; nil for blocks not reached
	defers   []*ssa.Defer
	evcache  map[ssa.Instruction][]Event // the instructions that have events
	// eventsKnown is set once newFunc has computed every instruction's
	// events: one not in evcache then has none.
	eventsKnown bool
	defcache    map[*ssa.Defer][]Event
	srcs        map[ssa.Value][]ssa.Value
	// pins records, for each alias-producing call, what keeps its result
	// valid in this context (keys are the context's, renamed to the
	// caller's): per context, so that no context overwrites another's.
	pins map[ssa.Value]aliasPin
	// acquires holds, for a function solved as Called, the locks whose
	// first operation on every path that has one takes them: the function
	// needs them released at the call.
	acquires map[Key]bool
	// retained records, for each store or call that keeps aliases where
	// they outlive it (a Retain event), which aliases it keeps.
	retained map[ssa.Value]retainSite
	// spawns records, per go statement of the function, the channels the
	// goroutine it starts may send on or close, as keys of this context;
	// nil when they are not known.
	spawns map[token.Pos][]Key
	// frozen is set once every cache is filled, at the end of lockregion's
	// run: the checks that share the Result then walk it concurrently, and
	// must find it read-only.
	frozen bool
}

// Visitor receives a replay of a solved function: Instr before each
// instruction, then Event before each of its effects is applied. The state
// passed must not be retained or modified.
type Visitor struct {
	Instr func(ssa.Instruction, *State)
	Event func(Event, *State)
}

// newFunc prepares fn for solving in a context: started as start, by parent
// (nil for an unknown caller) at the call at, which binds the closure's free
// variables to bindings and its parameters to args.
func (a *Package) newFunc(fn *ssa.Function, start Start, parent *Func, at token.Pos, bindings, args []ssa.Value) *Func {
	f := &Func{Fn: fn, Start: start, At: at, Complete: true, a: a, parent: parent, bindings: bindings, args: args,
		evcache: map[ssa.Instruction][]Event{}, defcache: map[*ssa.Defer][]Event{}, srcs: map[ssa.Value][]ssa.Value{},
		pins: map[ssa.Value]aliasPin{}, acquires: map[Key]bool{}, retained: map[ssa.Value]retainSite{},
		spawns: map[token.Pos][]Key{}}
	// Events (and the pins they record) are computed eagerly, before the
	// context is solved, so that nothing depends on the order of solving.
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			f.events(instr)
			if d, ok := instr.(*ssa.Defer); ok {
				f.defers = append(f.defers, d)
				f.deferredEvents(d)
			}
		}
	}
	f.eventsKnown = true
	f.pinGiven()
	// Then the events that follow aliases to their producers, all known now.
	f.srcs = map[ssa.Value][]ssa.Value{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if evs := f.fillEvents(instr); len(evs) > 0 {
				f.evcache[instr] = append(f.evcache[instr], evs...)
			}
		}
	}
	f.retainEvents()
	return f
}

// keyOf resolves v in f's context: keys rooted at a closure's free variables,
// or at parameters bound by the call that starts the context, are renamed to
// the caller's keys.
func (f *Func) keyOf(v ssa.Value) Key {
	k := keyOf(v)
	if !k.Valid() || f.parent == nil {
		return k
	}
	switch r := k.Root.(type) {
	case *ssa.FreeVar:
		if i := slices.Index(f.Fn.FreeVars, r); i >= 0 && i < len(f.bindings) {
			return f.parent.rebase(f.bindings[i], k.Path)
		}
	case *ssa.Parameter:
		if i := slices.Index(f.Fn.Params, r); i >= 0 && i < len(f.args) {
			return f.parent.rebase(f.args[i], k.Path)
		}
	}
	return k
}

// rebase returns the key that path from v names in f's context.
func (f *Func) rebase(v ssa.Value, path Path) Key {
	k := f.keyOf(v)
	if !k.Valid() {
		return k
	}
	return normalize(Key{k.Root, k.Path.Concat(path)})
}

// HasEntries reports whether f, or a context it is solved in, has an
// alias of an entry of guarded storage (aliasPin.entry).
func (f *Func) HasEntries() bool {
	for g := f; g != nil; g = g.parent {
		for _, p := range g.pins {
			if p.entry {
				return true
			}
		}
	}
	return false
}

// Walk replays the solved function, block by block in order, calling v.
func (f *Func) Walk(v Visitor) {
	for i, b := range f.Fn.Blocks {
		if f.in == nil || f.in[i] == nil {
			continue
		}
		st := f.in[i].view()
		for _, instr := range b.Instrs {
			f.step(st, instr, &v)
		}
	}
}

// AllEvents yields the events of every instruction and deferred call of
// f that has some.
func (f *Func) AllEvents() iter.Seq[[]Event] {
	return func(yield func([]Event) bool) {
		for _, b := range f.Fn.Blocks {
			for _, instr := range b.Instrs {
				if evs := f.events(instr); len(evs) > 0 && !yield(evs) {
					return
				}
				if d, ok := instr.(*ssa.Defer); ok {
					if evs := f.deferredEvents(d); len(evs) > 0 && !yield(evs) {
						return
					}
				}
			}
		}
	}
}

// freeze fills every cache the checks read (the events of each instruction
// and deferred call, the sources of each operand) and makes the Func
// read-only. Computing events may import facts, which only lockregion's own
// run may do.
func (f *Func) freeze() {
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			f.events(instr)
			if d, ok := instr.(*ssa.Defer); ok {
				f.deferredEvents(d)
			}
			for _, op := range instr.Operands(nil) {
				if op != nil && *op != nil {
					f.Sources(*op)
				}
			}
		}
	}
	f.frozen = true
}

// EntryState returns what f was solved assuming of the guard k on entry.
func (f *Func) EntryState(k Key) Cell { return f.init.entry(k) }

// Acquires reports whether f, solved as called by an unknown caller, takes
// the lock k as its first operation on it on every path that has one: it
// needs the lock released at the call.
func (f *Func) Acquires(k Key) bool { return f.acquires[k] }
