package scan

import (
	"go/ast"
	"go/token"
	"go/types"
)

// This file finds, from syntax alone, the candidate guarded fields that
// some body touches where its lock looks released: after an Unlock of a
// lock of that name in the same body, or before the first Lock of it. A
// field of a type that is not a buffer stays a candidate (without an
// annotation) only when a body does, or changes its value in place: a
// count or a flag under a mutex is common, and only these shapes can make
// a finding of it, so most packages need no SSA for their counters.

// lockOp is a call that takes or releases a lock, by the lock's name.
type lockOp struct {
	pos     token.Pos
	name    string // the lock field's name ("mu"), or the embedded lock's type name
	release bool
}

// fieldUse is a selection of a candidate field.
type fieldUse struct {
	pos token.Pos
	v   *types.Var
}

// lockShape is what one body shows of its locks and candidate fields.
type lockShape struct {
	ops  []lockOp
	uses []fieldUse
}

// readLockOp records a call of Lock, RLock, Unlock or RUnlock on a lock
// field (x.mu.Lock()) or an embedded lock (x.Lock()), unless deferred.
func (s *scanner) readLockOp(fn *Func, call *ast.CallExpr, deferred bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || deferred {
		return
	}
	var release bool
	switch sel.Sel.Name {
	case "Lock", "RLock":
	case "Unlock", "RUnlock":
		release = true
	default:
		return
	}
	name := ""
	switch x := ast.Unparen(sel.X).(type) {
	case *ast.SelectorExpr:
		name = x.Sel.Name
	case *ast.Ident:
		name = x.Name // a local lock, or a receiver with an embedded one
		if sel := s.info.Selections[sel]; sel != nil && len(sel.Index()) > 1 {
			// r.Lock() through an embedded sync.Mutex: the lock is the
			// embedded field, named after its type.
			if t, ok := deref(sel.Recv()).Underlying().(*types.Struct); ok {
				name = t.Field(sel.Index()[0]).Name()
			}
		}
	default:
		return
	}
	fn.locks.ops = append(fn.locks.ops, lockOp{pos: call.Pos(), name: name, release: release})
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// readFieldUse records a selection of a candidate guarded field.
func (s *scanner) readFieldUse(fn *Func, sel *ast.SelectorExpr) {
	if v, ok := s.info.Uses[sel.Sel].(*types.Var); ok && v.IsField() && s.out.Guards[v.Origin()] != nil {
		fn.locks.uses = append(fn.locks.uses, fieldUse{pos: sel.Pos(), v: v.Origin()})
	}
}

// markTouchedOutside records the candidate fields fn touches after an
// Unlock of their lock's name, or before the first Lock of it.
func (p *Package) markTouchedOutside(fn *Func) {
	for _, u := range fn.locks.uses {
		g := p.Guards[u.v]
		if g == nil {
			continue
		}
		lockedBefore, unlockedBefore, lockedAfter := false, false, false
		for _, op := range fn.locks.ops {
			if op.name != g.Lock {
				continue
			}
			switch {
			case op.pos < u.pos && op.release:
				unlockedBefore = true
			case op.pos < u.pos:
				lockedBefore = true
			case !op.release:
				lockedAfter = true
			}
		}
		if unlockedBefore || (lockedAfter && !lockedBefore) {
			p.touchedOutside[u.v] = true
		}
	}
}
