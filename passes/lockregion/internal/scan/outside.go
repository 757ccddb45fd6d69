package scan

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/buflint/buflint/analyzer/bufmodel"
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
	shared  bool // RLock: taken for reading only
}

// fieldUse is a selection of a candidate field.
type fieldUse struct {
	pos   token.Pos
	v     *types.Var
	write bool // assigned to, or incremented
	elem  bool // an element of it assigned to
}

// lockShape is what one body shows of its locks and candidate fields.
type lockShape struct {
	ops    []lockOp
	uses   []fieldUse
	writes map[*ast.SelectorExpr]bool // selections assigned to
	// elemWrites are the selections whose elements are assigned to
	// (x.m[k] = v).
	elemWrites map[*ast.SelectorExpr]bool
}

// readWrite records the fields an assignment or increment writes, and
// those whose elements it writes.
func (s *scanner) readWrite(fn *Func, lhs ...ast.Expr) {
	for _, e := range lhs {
		switch e := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if fn.locks.writes == nil {
				fn.locks.writes = map[*ast.SelectorExpr]bool{}
			}
			fn.locks.writes[e] = true
		case *ast.IndexExpr:
			if sel, ok := ast.Unparen(e.X).(*ast.SelectorExpr); ok {
				if fn.locks.elemWrites == nil {
					fn.locks.elemWrites = map[*ast.SelectorExpr]bool{}
				}
				fn.locks.elemWrites[sel] = true
			}
		}
	}
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
	callee, _ := typeutil.Callee(s.info, call).(*types.Func)
	row, known := bufmodel.Lookup(callee)
	shared := known && !release && row.Mode == bufmodel.Shared
	fn.locks.ops = append(fn.locks.ops, lockOp{pos: call.Pos(), name: name, release: release, shared: shared})
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// readFieldUse records a selection of a candidate guarded field, or of
// a field that an RWMutex of its struct may guard (readLocked).
func (s *scanner) readFieldUse(fn *Func, sel *ast.SelectorExpr) {
	if v, ok := s.info.Uses[sel.Sel].(*types.Var); ok && v.IsField() && (s.out.Guards[v.Origin()] != nil || s.out.rwFields[v.Origin()].str != nil) {
		fn.locks.uses = append(fn.locks.uses, fieldUse{pos: sel.Pos(), v: v.Origin(), write: fn.locks.writes[sel], elem: fn.locks.elemWrites[sel]})
	}
}

// markTouchedOutside records the candidate fields fn touches after an
// Unlock of their lock's name, or before the first Lock of it; those it
// writes where the last operation on that lock before is a Lock; and
// that it touches at all.
func (p *Package) markTouchedOutside(fn *Func) {
	touched := map[*types.Var]bool{}
	for _, u := range fn.locks.uses {
		if u.write || u.elem {
			p.markReadLocked(fn, u)
		}
		g := p.Guards[u.v]
		if g == nil {
			continue
		}
		touched[u.v] = true
		lockedBefore, unlockedBefore, lockedAfter, heldHere := false, false, false, false
		for _, op := range fn.locks.ops {
			if op.name != g.Lock {
				continue
			}
			switch {
			case op.pos < u.pos && op.release:
				unlockedBefore, heldHere = true, false
			case op.pos < u.pos:
				lockedBefore, heldHere = true, true
			case !op.release:
				lockedAfter = true
			}
		}
		if unlockedBefore || (lockedAfter && !lockedBefore) {
			p.touchedOutside[u.v] = true
		}
		if u.write && heldHere {
			p.writtenLocked[u.v] = true
		}
	}
	for v := range touched {
		p.touchedIn[v]++
	}
}

// markReadLocked records that u writes its field where the last
// operation before it on an RWMutex of the field's struct is an RLock
// (readLocked).
func (p *Package) markReadLocked(fn *Func, u fieldUse) {
	rw := p.rwFields[u.v]
	for _, lock := range rw.locks {
		name := rw.str.Field(lock).Name()
		var last *lockOp
		for i, op := range fn.locks.ops {
			if op.name == name && op.pos < u.pos {
				last = &fn.locks.ops[i]
			}
		}
		if last != nil && last.shared {
			p.readLocked[u.v] = rwLock{rw.str, lock}
			return
		}
	}
}

// lockedValueShape reports whether the syntax shows what a guard of field
// v, a value inferred by the convention or use, needs to be borne out and
// to make a finding: a body that writes it holding the lock, two bodies
// that touch it, and one that touches it where the lock looks released.
func (p *Package) lockedValueShape(v *types.Var) bool {
	return p.touchedOutside[v] && p.writtenLocked[v] && p.touchedIn[v] >= 2
}

// varUses collects, in one body, where each local variable is named last
// and which calls it is handed to.
type varUses struct {
	last  map[types.Object]token.Pos
	calls []varCall
}

// varCall is a call with the variables among its arguments and receiver.
type varCall struct {
	callee *types.Func
	end    token.Pos
	vars   []types.Object
}

func (u *varUses) use(info *types.Info, id *ast.Ident) {
	if v, ok := info.Uses[id].(*types.Var); ok && !v.IsField() && v.Parent() != nil && v.Parent() != v.Pkg().Scope() {
		if u.last == nil {
			u.last = map[types.Object]token.Pos{}
		}
		u.last[v] = max(u.last[v], id.Pos())
	}
}

func (u *varUses) call(info *types.Info, call *ast.CallExpr) {
	callee, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return
	}
	var vars []types.Object
	add := func(e ast.Expr) {
		e = ast.Unparen(e)
		if un, ok := e.(*ast.UnaryExpr); ok && un.Op == token.AND {
			e = ast.Unparen(un.X)
		}
		if id, ok := e.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && !v.IsField() {
				vars = append(vars, v)
			}
		}
	}
	for _, a := range call.Args {
		add(a)
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		add(sel.X)
	}
	if len(vars) > 0 {
		u.calls = append(u.calls, varCall{callee: callee.Origin(), end: call.End(), vars: vars})
	}
}

// usedAfter returns the callees of the calls whose variables the body
// names again after them.
func (u *varUses) usedAfter() map[*types.Func]bool {
	var out map[*types.Func]bool
	for _, c := range u.calls {
		for _, v := range c.vars {
			if u.last[v] > c.end {
				if out == nil {
					out = map[*types.Func]bool{}
				}
				out[c.callee] = true
				break
			}
		}
	}
	return out
}
