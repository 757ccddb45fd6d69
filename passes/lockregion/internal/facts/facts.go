// Package facts is the vocabulary lockregion's layers share: the facts it
// exports for functions, fields and packages, and the statuses and path
// steps they are written in. It decides nothing.
package facts

import (
	"fmt"
	"go/token"
	"strings"
)

// Status is the set of states a resource may be in at a program point, one
// bit per path class: a guard held, released, or as it was on entry to the
// function when that is not known.
type Status uint8

const (
	Held     Status = 1 << iota // the guard is held (exclusively); a handle or an alias is live
	Released                    // the guard is released; a handle or an alias is dead
	Unknown                     // as on entry, where no guard operation has decided it
	ReadHeld                    // the guard is held for reading only (RLock)
	// Owned marks an alias whose data this goroutine took over: it was
	// loaded from a guarded field that was then given a new value (old :=
	// s.buf; s.buf = nil), so no later release or reuse of the field's
	// storage concerns it.
	Owned
)

// StepOp is the kind of one selection step.
type StepOp uint8

const (
	FieldAddr StepOp = iota + 1 // &x.f: the address of field Index of the struct x points to
	Field                       // x.f: field Index of the struct value x
	Load                        // *x
	Elem                        // x[Index], at a constant index
)

// A Step is one selection from a value.
type Step struct {
	Op    StepOp
	Index int // the field, or the constant element index
}

// LockFact summarizes, for a function or method, what it expects of and does
// to the locks of buffers reached from its parameters. Callers in this and
// importing packages are checked against it at each call.
type LockFact struct {
	Params []ParamLock
	// Reuses lists the buffers reached from parameters that the function
	// may reuse or give away (Reset, a read into it, sync.Pool.Put) on some
	// path: slices of them taken before the call are stale after it.
	Reuses []ParamReuse
	// Retains lists the parameters the function keeps a reference to after
	// it returns: it stores them into memory reached from another
	// parameter, or into a global, or a //buflint:retains annotation says
	// so.
	Retains []ParamRetain
	// Produces is set when the function returns a slice of the storage of
	// a buffer reached from a parameter (func peek(r *bufio.Reader) []byte
	// { p, _ := r.Peek(4); return p }): its callers hold an alias of it,
	// valid until the buffer is reused.
	Produces *ParamProduce
	// Passes lists the parameters whose data a result may hold: returned
	// as they are or sliced, or held by an object returned (func
	// parse(b []byte) *msg { return &msg{body: b} }): the caller's result
	// aliases the argument.
	Passes []ParamPass
	// Addresses lists the parameters the function uses as addresses where
	// the collector cannot see them: integer parameters it converts back
	// to pointers or hands to the system or to C, and pointer parameters
	// whose target it hands, by address, to the system or to C (directly
	// or through another function that does). A caller's integer field or
	// argument holding a Go address is then followed by code the
	// collector does not see.
	Addresses []ParamAddress
	// Entry is set when the function returns a pointer to an object kept
	// in storage a lock reached from a parameter guards (func (c *cache)
	// get(k) *entry { c.mu.Lock(); defer c.mu.Unlock(); return c.m[k] }):
	// the caller's uses of the entry's fields that the lock guards need
	// the lock.
	Entry *ParamEntry
}

// ParamEntry is the guard, reached from a parameter, of the storage a
// function's result is an entry of.
type ParamEntry struct {
	Param int    // index into the SSA parameters (receiver first)
	Path  []Step // Key path from the parameter to the guard
	Name  string // the storage as written in the function ("c.m"), for messages
	// Fields are the entry's fields that the function's package writes
	// holding the guard: its importers cannot see those writes.
	Fields []string
}

// ParamAddress is one parameter a function uses as an address.
type ParamAddress struct {
	Param int    // index into the SSA parameters (receiver first)
	Name  string // the parameter's name, for messages
	// Via is the system or C function the address reaches
	// ("syscall.Syscall", "C.write"), or "" when the function itself
	// converts the integer back to a pointer.
	Via string
}

// ParamPass is a parameter whose data a function's result may hold.
type ParamPass struct {
	Param  int    // index into the SSA parameters (receiver first)
	Result int    // the result that holds it
	Name   string // the parameter's name, for messages
}

// ParamProduce is the buffer, reached from a parameter, whose storage a
// function's result aliases.
type ParamProduce struct {
	Param int    // index into the SSA parameters (receiver first)
	Path  []Step // Key path from the parameter to the buffer
	Name  string // the buffer as written in the function, for messages
}

// ParamRetain is one parameter a function keeps after it returns.
type ParamRetain struct {
	Param int // index into the SSA parameters (receiver first)
	// Into is the parameter whose object keeps it (w.SetBuf(p) keeps p in
	// w), or -1 when it is kept beyond every parameter (a global, or what
	// an annotation declares).
	Into int
	Name string // the parameter's name, for messages
	// Lent is set when the function hands the parameter to a goroutine or
	// a channel's receiver that may still use it after the function
	// returns (it returns on a timeout without waiting): a caller that
	// was itself lent the slice lends it on.
	Lent bool
	// Holds is set when the function keeps not the parameter as it is
	// (or a slice of it) but what holds it or what it holds: chunks made
	// of it, an element of it, an interface it is put in, something kept
	// by a callee that keeps it so. An io method handing its slice on so
	// keeps the slice; a caller's own use of the argument after the call
	// (a Put of it when a push failed) is not followed for it.
	Holds bool
}

// ParamReuse is one buffer, reached from a parameter, that a function may
// reuse: putBuf(b) { b.Reset(); pool.Put(b) } reuses parameter 0.
type ParamReuse struct {
	Param int    // index into the SSA parameters (receiver first), then free variables
	Path  []Step // Key path from the parameter to the buffer
	Name  string // the buffer as written in the function, for messages
	// Via is the reusing call the function makes ("Reset", "Put"), and
	// GivesAway is set when it hands the buffer itself away (Put).
	Via       string
	GivesAway bool
}

// ParamLock is the effect of a function on one buffer lock reached from a
// parameter (the receiver of a method is parameter 0).
type ParamLock struct {
	Param int    // index into the SSA parameters (receiver first)
	Name  string // the parameter's name, with the path as written, for messages
	Path  []Step // Key path from the parameter to the guard
	// Entry is Held when the function needs the lock held at the call (it
	// reads data without taking it, or drops it first), Released when it
	// takes the lock itself, and 0 when it does not care.
	Entry Status
	// Exit is the set of states it may leave the lock in, one per path that
	// returns (Unknown: as it was at the call), or 0 when unchanged on
	// every path. Callers take a set of several states as the lock being
	// released on some path.
	Exit Status
	// Drops is set when the lock is released and taken again during the
	// call: data aliases taken before the call are stale after it.
	Drops bool
	// Exclusive is set when the function needs the lock held exclusively
	// (it changes guarded data); a read lock does not do.
	Exclusive bool
	// Why names the first accessor or helper that made the lock required.
	Why string
	// SelfGuarded is set when the lock is that of an object that guards
	// its own data (a buffer.Buffer), not a mutex guarding other fields.
	SelfGuarded bool
}

func (*LockFact) AFact() {}

// Binds reports whether a caller in another package can break the fact,
// or be broken by it: the function needs a lock held, or may return with
// the lock of a self-guarded object (a buffer.Buffer) released, or drops
// and retakes it, or returns an entry of guarded storage whose fields its
// package writes holding the lock. A plain mutex released by the call matters to importers
// only through what it guards, and that is said by guarded fields and
// requirements.
func (f *LockFact) Binds() bool {
	if f.Entry != nil && len(f.Entry.Fields) > 0 {
		return true // its callers' uses of the entry's fields need the lock
	}
	for _, p := range f.Params {
		if p.Entry == Held || p.Entry == ReadHeld || (p.SelfGuarded && (p.Exit&Released != 0 || p.Drops)) {
			return true
		}
	}
	return false
}

func (f *LockFact) String() string {
	var parts []string
	for _, p := range f.Params {
		var s []string
		switch p.Entry {
		case Held:
			s = append(s, "requires "+p.Name+" locked")
		case ReadHeld:
			s = append(s, "requires "+p.Name+" read-locked")
		case Released:
			s = append(s, "requires "+p.Name+" unlocked")
		}
		if p.Drops {
			s = append(s, "releases "+p.Name+" during the call")
		}
		if p.Exit != 0 {
			s = append(s, "returns with "+p.Name+" "+exitWords(p.Exit))
		}
		parts = append(parts, strings.Join(s, ", "))
	}
	for _, r := range f.Reuses {
		parts = append(parts, "reuses "+r.Name+" ("+r.Via+")")
	}
	for _, r := range f.Retains {
		parts = append(parts, "retains "+r.Name)
	}
	if p := f.Produces; p != nil {
		parts = append(parts, "returns a slice of "+p.Name)
	}
	if e := f.Entry; e != nil {
		parts = append(parts, "returns an entry of "+e.Name)
	}
	for _, a := range f.Addresses {
		if a.Via == "" {
			parts = append(parts, "uses "+a.Name+" as an address")
		} else {
			parts = append(parts, "hands "+a.Name+" to "+a.Via)
		}
	}
	return fmt.Sprintf("lockfact(%s)", strings.Join(parts, "; "))
}

// HasLockFacts is a package fact exported by packages that export any
// LockFact. A package that neither imports the buffer package nor imports a
// package with this fact cannot violate the protocol, and is skipped before
// any SSA is built.
type HasLockFacts struct{}

func (*HasLockFacts) AFact()         {}
func (*HasLockFacts) String() string { return "haslockfacts" }

// exitWords renders a set of exit states: "locked", "locked or unlocked".
func exitWords(x Status) string {
	var w []string
	for _, e := range []struct {
		s    Status
		word string
	}{{Held, "locked"}, {ReadHeld, "read-locked"}, {Released, "unlocked"}, {Unknown, "unchanged"}} {
		if x&e.s != 0 {
			w = append(w, e.word)
		}
	}
	return strings.Join(w, " or ")
}

// GuardFact is exported on a struct field that a lock guards: the lock is
// reached from a pointer to the struct by Path. Accesses to the field, in
// this package and importing ones, need that lock.
type GuardFact struct {
	Path []Step
	Lock string // the lock as written: "mu", "c.mu"
	// How says why the field is taken to be guarded (see the How constants).
	How How
}

func (*GuardFact) AFact() {}

func (g *GuardFact) String() string { return "guardedby(" + g.Lock + ", " + string(g.How) + ")" }

// How says why a field is taken to be guarded by a lock. Each rule is
// documented in docs/design.md; all but ByAnnotation need evidence from the
// package's code (see confirm).
type How string

const (
	// ByAnnotation: //buflint:guardedby or checklocks' +checklocks on the
	// field. Trusted as written.
	ByAnnotation How = "annotation"
	// ByConvention: the field is in the group of fields a lock heads (no
	// blank line between them), Go's convention for "mu guards these".
	ByConvention How = "convention"
	// ByComment: the lock's comment says it guards or protects the field.
	ByComment How = "comment"
	// ByUse: the struct has exactly one lock, and the package's code
	// writes the field only while holding it.
	ByUse How = "use"
	// ByReadLock: a function takes the lock (an RWMutex of the field's
	// struct) for reading and changes the field holding only that. Only
	// changes made so are checked against it.
	ByReadLock How = "read-lock"
)

// A BadAnnotation is a guard annotation that names no lock.
type BadAnnotation struct {
	Pos  token.Pos
	Text string // the annotation
	Why  string
	// OnFunc is set for an annotation of a function (+checklocks:s.mu),
	// unset for one of a field.
	OnFunc bool
	// Retains is set for a //buflint:retains annotation, which names
	// parameters, not locks.
	Retains bool
}

// HasArgFacts is a package fact exported by packages whose exported
// functions may reuse or keep an argument (argFactDecls): importers look
// up their functions' facts for the alias checks.
type HasArgFacts struct{}

func (*HasArgFacts) AFact()         {}
func (*HasArgFacts) String() string { return "hasargfacts" }

// FuncAnnots is what a function's annotations declare: gVisor checklocks'
// lock annotations, +checklocksignore, and //buflint:retains.
type FuncAnnots struct {
	Locks  []LockAnnot
	Ignore bool
	// Retains lists the parameters a //buflint:retains annotation says
	// the function keeps after it returns.
	Retains []ParamRetain
}

// LockAnnot is one lock annotation of a function.
type LockAnnot struct {
	Entry Status // what the lock is on entry: Held, ReadHeld or Released
	Param int    // index into the SSA parameters (receiver first)
	Path  []Step // from the parameter to the lock
	Lock  string // as written
}
