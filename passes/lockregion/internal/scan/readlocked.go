package scan

import (
	"go/types"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// This file proposes guards from one shape of code: a body that takes an
// RWMutex of a struct for reading (RLock) and then changes a field of
// that struct, before any other operation on that lock. Whoever wrote it
// took the lock to share the field, and RLock lets every reader run the
// same code at once: the change races with itself (consul's GatedWriter
// appended to its buffer under RLock). Such a guard, facts.ByReadLock,
// is proposed only for a field that has no other candidate, and only
// changes made holding the lock for reading are checked against it: how
// the code shares the field elsewhere (a gate flag, a hand-over after a
// flush) is not what the shape says.

// rwField is a field of a struct that has read-write locks: the struct,
// and the indices of those locks.
type rwField struct {
	str   *types.Struct
	locks []int
}

// rwLock is a read-write lock of a struct, by its index.
type rwLock struct {
	str  *types.Struct
	lock int
}

// readWriteLocks returns the indices of str's read-write locks among
// its locks.
func readWriteLocks(str *types.Struct, locks []int) []int {
	var rw []int
	for _, i := range locks {
		if bufmodel.IsReadWriteLock(str.Field(i).Type()) {
			rw = append(rw, i)
		}
	}
	return rw
}

// noteReadWriteField records v, a field of str, whose read-write locks
// are rw, when one of them may guard it: it is not a buffer (whose guard
// the convention infers), and its comment, or its group's, does not say
// how it is shared otherwise ("only used by Scan and Next, which are not
// called concurrently": database/sql holds Rows.closemu for reading to
// keep Close away, not to share those fields).
func (s *scanner) noteReadWriteField(v *types.Var, str *types.Struct, rw []int, comment string) {
	if len(rw) > 0 && bufmodel.IsGuardable(v.Type()) && !bufmodel.IsBufferType(v.Type()) && !ownershipProse.MatchString(comment) {
		s.out.rwFields[v] = rwField{str, rw}
	}
}

// proposeReadLocked adds a ByReadLock candidate for each field a body
// changes holding only the read lock of its struct, that has no other
// candidate and is not handed to sync/atomic.
func (p *Package) proposeReadLocked() {
	for v, rw := range p.readLocked {
		if p.Guards[v] != nil || p.atomic[v] {
			continue
		}
		p.Guards[v] = &facts.GuardFact{Path: lockPath(rw.str, rw.lock), Lock: rw.str.Field(rw.lock).Name(), How: facts.ByReadLock}
	}
}
