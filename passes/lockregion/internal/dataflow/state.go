package dataflow

import (
	"go/token"
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Kind is the kind of resource a cell tracks.
type Kind uint8

const (
	Guard    Kind = iota // the guard (lock) of the object named by Key
	Handle               // a handle (view) opened in this function (Held until closed)
	Alias                // data returned by a Produce call, keyed by the call (Held while pinned)
	Shared               // a handle's data, or a buffer's, handed to a goroutine or a channel not yet joined
	Data                 // for an alias pin: the data object whose reuse kills the alias
	Consumed             // a bytes.Buffer read from since it was last reset: an append may slide its bytes
	// Retained is an alias kept in memory that outlives the statement,
	// keyed by where it is kept (the field, the global, the call that keeps
	// it): Held while what it aliases is valid, Released once that was
	// reused after the store. At is the store or call.
	Retained
)

// A Res is one tracked resource.
type Res struct {
	Kind Kind
	Key  Key
}

// A Cell is what is known of a resource at a point: its possible statuses and,
// when it may be released, where that happened on one path that released it.
type Cell struct {
	S   Status
	At  token.Pos // where it was released (or, for Shared, where the goroutine started)
	Why Why       // what released it at At
	Via string    // the method that did, for ByInvalidate: "Resize"
}

// Why says what released a resource.
type Why uint8

const (
	ByUnlock     Why = iota // a Release effect (At is the Unlock, or the deferred one)
	ByEntry                 // the function is entered without the guard (At is where it first takes it)
	ByGo                    // a goroutine starts without its parent's guards (At is the go statement)
	ByHelper                // a call whose fact releases the guard (At is the call)
	ByInvalidate            // an Invalidate effect: the data may have moved (At is the call)
	ByClose                 // a Close effect on the handle (At is the call)
	ByReuse                 // a Reuse effect on the data: written, reset, read from, put back in a pool (At is the call)
	// ByEntryCall is ByEntry decided only by calls to helpers that take
	// the guard (At is the first): the function never locks it itself.
	ByEntryCall
)

// MayBe reports whether s is among the cell's possible statuses.
func (c Cell) MayBe(s Status) bool { return c.S&s != 0 }

// State maps resources to cells. A resource absent from the map is, for a
// lock, in its entry state, and otherwise not created on this path.
type State struct {
	cells  map[Res]Cell
	entry  func(Key) Cell      // entry state of a lock; never nil
	defers map[*ssa.Defer]bool // defers registered on some path to here; nil for none
	// joined is Held where every path has waited for other goroutines,
	// Released where none has, both where some have.
	joined Status
	// shared is set when cells and defers may be shared with another
	// State: the first change copies them (writable). Most instructions
	// change nothing, so most block states are never copied.
	shared bool
}

func newState(entry func(Key) Cell) *State {
	return &State{cells: map[Res]Cell{}, entry: entry, joined: Released}
}

// JoinedOnEveryPath reports whether, on every path here, the function has
// waited for other goroutines (a channel receive, a select, a
// WaitGroup.Wait, a call handed a channel or a synchronizer): what they
// wrote may have been handed over, lock or no lock.
func (s *State) JoinedOnEveryPath() bool { return s.joined == Held }

// clone returns a copy of s that shares its maps until either changes.
// It marks s shared too, so it must not be called where another goroutine
// may read s: a solved function's states are read through view.
func (s *State) clone() *State {
	s.shared = true
	return s.view()
}

// view returns a copy of s that shares its maps until it changes; s itself
// must not change afterwards (a solved block's entry state).
func (s *State) view() *State {
	return &State{cells: s.cells, entry: s.entry, defers: s.defers, joined: s.joined, shared: true}
}

// writable gives s maps of its own before a change.
func (s *State) writable() {
	if s.shared {
		s.cells, s.defers, s.shared = maps.Clone(s.cells), maps.Clone(s.defers), false
	}
}

// Guard returns what is known of the guard named by k.
func (s *State) Guard(k Key) Cell {
	if c, ok := s.cells[Res{Guard, k}]; ok {
		return c
	}
	return s.entry(k)
}

// Get returns the cell of a resource (for one other than a guard, zero if
// absent).
func (s *State) Get(kind Kind, k Key) Cell {
	if kind == Guard {
		return s.Guard(k)
	}
	return s.cells[Res{kind, k}]
}

func (s *State) set(kind Kind, k Key, c Cell) {
	s.writable()
	s.cells[Res{kind, k}] = c
}

// release marks a resource released at pos, on every path.
func (s *State) release(kind Kind, k Key, at Cell) {
	at.S = Released
	s.set(kind, k, at)
}

// Each calls f for every resource of the given kind present in the state.
func (s *State) Each(kind Kind, f func(Key, Cell)) {
	for r, c := range s.cells {
		if r.Kind == kind {
			f(r.Key, c)
		}
	}
}

// join merges t into s, returning whether s changed.
func (s *State) join(t *State) bool {
	changed := false
	for r, tc := range t.cells {
		sc, ok := s.cells[r]
		if !ok && r.Kind == Guard {
			sc, ok = s.entry(r.Key), true
		}
		m := merge(sc, tc)
		if m != sc || !ok {
			s.writable()
			s.cells[r] = m
			changed = true
		}
	}
	for r, sc := range s.cells {
		if _, ok := t.cells[r]; !ok && r.Kind == Guard {
			if m := merge(sc, t.entry(r.Key)); m != sc {
				s.writable()
				s.cells[r] = m
				changed = true
			}
		}
	}
	for d := range t.defers {
		if !s.defers[d] {
			s.addDefer(d)
			changed = true
		}
	}
	if j := s.joined | t.joined; j != s.joined {
		s.joined = j
		changed = true
	}
	return changed
}

func merge(a, b Cell) Cell {
	// Keep the earliest position, so that results do not depend on the
	// order in which paths were explored.
	m := a
	if !m.At.IsValid() || (b.At.IsValid() && b.At < m.At) {
		m.At, m.Why, m.Via = b.At, b.Why, b.Via
	}
	m.S = a.S | b.S
	return m
}

// aliasPin records what keeps an alias valid: a guard (Buffer.Bytes, a
// load of a guarded []byte field), a handle (View.Bytes), or a data object
// (bytes.Buffer.Bytes: until the buffer is written or reset), which may be
// guarded data whose guard must stay held too.
type aliasPin struct {
	kind  Kind // Guard, Handle or Data
	key   Key
	guard Key // for Data: the guard of the data, when it is a guarded field
	// field is, for an alias loaded from a guarded field (kind Guard), the
	// field's key: storing a new value into the field hands the old one
	// over to whoever loaded it.
	field Key
	// self is set for data that is its own alias (a buffer from
	// sync.Pool.Get, a scratch slice made here): writing into it does not
	// kill it, only giving it back (Put) does. On the pin passed to
	// invalidate, self says that it kills such aliases too.
	self bool
	// given is set for an object given back to its pool that nothing
	// else made an alias (a parameter, a field's value): it is its own
	// alias, pinned by its Put (Func.pinGiven).
	given bool
	// entry is set for a pointer to an object kept in guarded storage (a
	// map's or a slice's element, what a guarded pointer field points to),
	// pinned by the storage's guard: its fields are the guard's too where
	// the package writes them holding it.
	entry bool
}

// killedBy reports whether an alias pinned by p dies with pin: the same
// guard, handle or data, or the guard of p's data.
func (p aliasPin) killedBy(pin aliasPin) bool {
	if p.kind == pin.kind && p.key == pin.key && p.key.Valid() {
		return !p.self || pin.self
	}
	return pin.kind == Guard && p.kind == Data && p.guard.Valid() && p.guard == pin.key
}

// invalidate marks dead, on every path, every alias pinned by the given
// guard, handle or data; with may, only on the paths through here. Aliases
// this goroutine owns (Owned) are left alone.
func (s *State) invalidate(pinOf func(ssa.Value) aliasPin, pin aliasPin, at Cell, may bool) {
	at.S = Released
	for r, c := range s.cells {
		if r.Kind != Alias || c.S == 0 || c.S&Owned != 0 || !pinOf(r.Key.Root).killedBy(pin) {
			continue
		}
		switch {
		case c.S == Released:
			// Dead already on every path: the first invalidation is the
			// one messages name.
		case may:
			s.writable()
			s.cells[r] = merge(c, at)
		default:
			s.writable()
			s.cells[r] = at
		}
	}
}

// killRetained marks released the kept aliases (Retained) whose alias the
// invalidation at just killed: what they keep is stale from there on. The
// cell's At becomes the invalidation; the site says where it was kept.
func (s *State) killRetained(retained map[ssa.Value]retainSite, at Cell) {
	for r, c := range s.cells {
		if r.Kind != Retained || c.S&Released != 0 {
			continue
		}
		for _, src := range retained[r.Key.Root].srcs {
			if ac := s.cells[Res{Alias, Key{Root: src}}]; ac.MayBe(Released) && ac.At == at.At {
				s.writable()
				s.cells[r] = Cell{S: Released, At: at.At, Why: at.Why, Via: at.Via}
				break
			}
		}
	}
}

// forgetRetained drops the kept aliases stored into addr: a new store
// there replaced them.
func (s *State) forgetRetained(retained map[ssa.Value]retainSite, addr Key) {
	for r := range s.cells {
		if r.Kind == Retained && retained[r.Key.Root].addr == addr {
			s.writable()
			delete(s.cells, r)
		}
	}
}

// settle leaves the guard k in one of the states of exit, depending on the
// path (Unknown: as it was before), from at on. Where it may be released,
// the aliases it pinned may be stale.
func (s *State) settle(pinOf func(ssa.Value) aliasPin, k Key, exit Status, at Cell) {
	switch exit {
	case 0:
		return
	case Held, ReadHeld:
		s.set(Guard, k, Cell{S: exit})
		return
	case Released:
		s.release(Guard, k, at)
		s.invalidate(pinOf, aliasPin{kind: Guard, key: k}, at, false)
		return
	}
	var c Cell
	if exit&Unknown != 0 {
		c = s.Guard(k)
	}
	c.S |= exit & (Held | ReadHeld)
	if exit&Released != 0 {
		at.S = Released
		c = merge(c, at)
		s.invalidate(pinOf, aliasPin{kind: Guard, key: k}, at, true)
	}
	s.set(Guard, k, c)
}

// addDefer records that d was registered on the path to here.
func (s *State) addDefer(d *ssa.Defer) {
	s.writable()
	if s.defers == nil {
		s.defers = map[*ssa.Defer]bool{}
	}
	s.defers[d] = true
}

// own marks the aliases loaded from the guarded field fieldKey as taken
// over by this goroutine: the field was given a new value.
func (s *State) own(pinOf func(ssa.Value) aliasPin, fieldKey Key) {
	for r, c := range s.cells {
		if r.Kind == Alias && c.S&Held != 0 {
			if p := pinOf(r.Key.Root); p.kind == Guard && p.field.Valid() && p.field == fieldKey {
				c.S |= Owned
				s.writable()
				s.cells[r] = c
			}
		}
	}
}

// forget drops what is known of a resource: new storage was made for it.
func (s *State) forget(kind Kind, k Key) {
	if _, ok := s.cells[Res{kind, k}]; ok {
		s.writable()
		delete(s.cells, Res{kind, k})
	}
}

// HeldBeside reports whether another lock of the object whose lock k is
// (a sibling field of the same struct, reached by the same path) is held
// on every path here: data whose guard was only inferred may be guarded
// by that one instead.
func (s *State) HeldBeside(k Key) bool {
	return s.heldOther(k, func(other Key) bool {
		os, steps := other.Path.Steps(), k.Path.Steps()
		return other.Root == k.Root && len(steps) > 0 && len(os) == len(steps) && slices.Equal(os[:len(steps)-1], steps[:len(steps)-1])
	}, Held|ReadHeld)
}

// HeldExclusivelyBeside reports whether a lock other than k is held
// exclusively on every path: the guard of what is changed beside k may be
// that one.
func (s *State) HeldExclusivelyBeside(k Key) bool {
	return s.heldOther(k, func(Key) bool { return true }, Held)
}

// heldOther reports whether a lock other than k that related accepts is
// held in one of the states held, and only those, on every path.
func (s *State) heldOther(k Key, related func(Key) bool, held Status) bool {
	found := false
	s.Each(Guard, func(other Key, c Cell) {
		if !found && other != k && c.S&held != 0 && c.S&^held == 0 && related(other) {
			found = true
		}
	})
	return found
}
