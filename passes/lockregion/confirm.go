package lockregion

import "go/types"

// evidence is what the package's code shows of one candidate guard.
type evidence struct {
	held       int // accesses made with the guard held on every path
	writes     int // writes, outside objects not yet shared
	heldWrites int // in-place writes made with the guard held exclusively on every path
	unlocked   int // writes made where the guard may be released
}

// confirm keeps the candidate guards that the code bears out. An
// annotation is trusted. A comment needs the field to be written somewhere
// after its object is shared (a field only constructors write is
// immutable, and reading it needs no lock) and accessed once with the lock
// held. The convention and use need the field's storage changed in place
// (appended to, resliced, its elements or contents written) with the lock
// held exclusively: a buffer reused under the lock, not a value assigned
// once under it and read-only afterwards, as lazily initialized tables
// are. Use also needs no write where the lock may be released.
func confirm(cands map[*types.Var]*GuardFact, ev map[*types.Var]*evidence) map[*types.Var]*GuardFact {
	out := map[*types.Var]*GuardFact{}
	for v, g := range cands {
		e := ev[v]
		if e == nil {
			e = &evidence{}
		}
		switch g.How {
		case ByAnnotation:
		case ByComment:
			if e.writes == 0 || e.held == 0 {
				continue
			}
		case ByConvention:
			if e.heldWrites == 0 {
				continue
			}
		case ByUse:
			if e.heldWrites == 0 || e.unlocked > 0 {
				continue
			}
		}
		out[v] = g
	}
	return out
}
