package lockregion

import (
	"go/token"
	"maps"

	"golang.org/x/tools/go/ssa"
)

// Status is the set of states a resource may be in at a program point, one
// bit per path class: a lock held, released, or as it was on entry to the
// function when that is not known.
type Status uint8

const (
	Held     Status = 1 << iota // the lock is held; a view or an alias is live
	Released                    // the lock is released; a view or an alias is dead
	Unknown                     // as on entry, where no lock operation has decided it
)

// Kind is the kind of resource a cell tracks.
type Kind uint8

const (
	LockOf   Kind = iota // the lock of the buffer named by Key
	ViewOf               // a view created in this function (Held until released)
	AliasOf              // data returned by a Bytes call (Held while pinned)
	SharedOf             // a view's data handed to a goroutine not yet joined
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
	At  token.Pos // where it was released (or, for SharedOf, where the goroutine started)
	Why Why       // what released it at At
}

// Why says what released a resource.
type Why uint8

const (
	ByUnlock  Why = iota // an Unlock (At is the Unlock, or the deferred one)
	ByEntry              // the function is entered without the lock (At is where it first takes it)
	ByGo                 // a goroutine starts without its parent's locks (At is the go statement)
	ByHelper             // a call that releases the lock (At is the call)
	ByResize             // a Resize that may move the data (At is the Resize)
	ByRelease            // a View.Release (At is the Release)
)

// MayBe reports whether s is among the cell's possible statuses.
func (c Cell) MayBe(s Status) bool { return c.S&s != 0 }

// State maps resources to cells. A resource absent from the map is, for a
// lock, in its entry state, and otherwise not created on this path.
type State struct {
	cells  map[Res]Cell
	entry  func(Key) Cell      // entry state of a lock; never nil
	defers map[*ssa.Defer]bool // defers registered on some path to here
}

func newState(entry func(Key) Cell) *State {
	return &State{cells: map[Res]Cell{}, entry: entry, defers: map[*ssa.Defer]bool{}}
}

func (s *State) clone() *State {
	return &State{cells: maps.Clone(s.cells), entry: s.entry, defers: maps.Clone(s.defers)}
}

// Lock returns what is known of the lock of the buffer named by k.
func (s *State) Lock(k Key) Cell {
	if c, ok := s.cells[Res{LockOf, k}]; ok {
		return c
	}
	return s.entry(k)
}

// Get returns the cell of a resource other than a lock (zero if absent).
func (s *State) Get(kind Kind, k Key) Cell {
	if kind == LockOf {
		return s.Lock(k)
	}
	return s.cells[Res{kind, k}]
}

func (s *State) set(kind Kind, k Key, c Cell) { s.cells[Res{kind, k}] = c }

// release marks a resource released at pos, on every path.
func (s *State) release(kind Kind, k Key, pos token.Pos, why Why) {
	s.set(kind, k, Cell{S: Released, At: pos, Why: why})
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
		if !ok && r.Kind == LockOf {
			sc, ok = s.entry(r.Key), true
		}
		m := merge(sc, tc)
		if m != sc || !ok {
			s.cells[r] = m
			changed = true
		}
	}
	for r, sc := range s.cells {
		if _, ok := t.cells[r]; !ok && r.Kind == LockOf {
			if m := merge(sc, t.entry(r.Key)); m != sc {
				s.cells[r] = m
				changed = true
			}
		}
	}
	for d := range t.defers {
		if !s.defers[d] {
			s.defers[d] = true
			changed = true
		}
	}
	return changed
}

func merge(a, b Cell) Cell {
	// Keep the earliest position, so that results do not depend on the
	// order in which paths were explored.
	m := a
	if !m.At.IsValid() || (b.At.IsValid() && b.At < m.At) {
		m.At, m.Why = b.At, b.Why
	}
	m.S = a.S | b.S
	return m
}

// aliasPin records what keeps a Bytes result valid: the lock of a buffer
// (Buffer.Bytes) or a view (View.Bytes).
type aliasPin struct {
	kind Kind // LockOf or ViewOf
	key  Key
}

// invalidate marks dead every alias pinned by the given lock or view.
func (s *State) invalidate(pinOf func(ssa.Value) aliasPin, kind Kind, k Key, pos token.Pos, why Why) {
	for r, c := range s.cells {
		if r.Kind != AliasOf || c.S == 0 {
			continue
		}
		if p := pinOf(r.Key.Root); p.kind == kind && p.key == k {
			s.release(AliasOf, r.Key, pos, why)
		}
	}
}

// unlock marks the lock of k released at pos, and with it every alias the
// lock pinned.
func (s *State) unlock(pinOf func(ssa.Value) aliasPin, k Key, pos token.Pos, why Why) {
	s.release(LockOf, k, pos, why)
	s.invalidate(pinOf, LockOf, k, pos, why)
}

// mayUnlock applies a call that leaves the lock of k in one of the states of
// exit, depending on the path it took (Unknown: as it was before the call):
// the lock, and every alias it pinned, may be released from pos on.
func (s *State) mayUnlock(pinOf func(ssa.Value) aliasPin, k Key, exit Status, pos token.Pos) {
	var c Cell
	if exit&Unknown != 0 {
		c = s.Lock(k)
	}
	c = merge(c, Cell{S: exit &^ Unknown &^ Released})
	if exit&Released == 0 {
		s.set(LockOf, k, c)
		return
	}
	released := Cell{S: Released, At: pos, Why: ByHelper}
	s.set(LockOf, k, merge(c, released))
	for r, ac := range s.cells {
		if r.Kind == AliasOf && ac.S != 0 {
			if p := pinOf(r.Key.Root); p.kind == LockOf && p.key == k {
				s.cells[r] = merge(ac, released)
			}
		}
	}
}
