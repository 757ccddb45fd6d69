package scan

import (
	"go/ast"
	"go/types"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"golang.org/x/tools/go/types/typeutil"
)

// This file reads what a body does with byte slices it does not own: a
// parameter it passes on in what it returns, and a producer's slice it
// hands to a function of the package.

// readProduced records the variables n assigns a producer's slice to, and
// the []byte fields it stores one into (d.msg = line, d.msg, err =
// d.br.ReadSlice('\n')): a function that returns such a field returns
// that slice.
func (s *scanner) readProduced(fn *Func, n *ast.AssignStmt) {
	for i, lhs := range n.Lhs {
		var rhs ast.Expr
		switch {
		case len(n.Rhs) == len(n.Lhs):
			rhs = n.Rhs[i]
		case i == 0 && len(n.Rhs) == 1:
			rhs = n.Rhs[0] // p, err := r.Peek(n): the first result is the data
		default:
			continue
		}
		if !s.producerSlice(fn, rhs) {
			continue
		}
		switch l := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			if fn.produced == nil {
				fn.produced = map[types.Object]bool{}
			}
			fn.produced[s.info.ObjectOf(l)] = true
		case *ast.SelectorExpr:
			if v := s.fieldOf(l); v != nil && bufmodel.IsByteSlice(v.Type()) {
				s.out.holdsSlice[v] = true
			}
		}
	}
}

// producerSlice reports whether e is a producer's slice (s.Bytes(),
// r.Peek(n)[:k]) or a variable the body assigned one to.
func (s *scanner) producerSlice(fn *Func, e ast.Expr) bool {
	e = ast.Unparen(e)
	if sl, ok := e.(*ast.SliceExpr); ok {
		e = ast.Unparen(sl.X)
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		f, ok := typeutil.Callee(s.info, e).(*types.Func)
		return ok && Producer(f)
	case *ast.Ident:
		return fn.produced[s.info.Uses[e]]
	}
	return false
}

// passesParam reports whether one of es is a byte slice parameter, or a
// slice of one, in a function with results.
func (s *scanner) passesParam(ps *params, es ...ast.Expr) bool {
	if ps == nil || !ps.results {
		return false
	}
	for _, e := range es {
		e = ast.Unparen(e)
		if sl, ok := e.(*ast.SliceExpr); ok {
			e = ast.Unparen(sl.X)
		}
		if id, ok := e.(*ast.Ident); ok {
			if v := s.info.Uses[id]; ps.bufs[v] && bufmodel.IsByteSlice(v.Type()) {
				return true
			}
		}
	}
	return false
}

// returnedFields returns the []byte fields, reached from a parameter,
// among the results es (return d.msg, return d.msg[:n]).
func (s *scanner) returnedFields(ps *params, es []ast.Expr) []*types.Var {
	if ps == nil {
		return nil
	}
	var out []*types.Var
	for _, e := range es {
		e = ast.Unparen(e)
		if sl, ok := e.(*ast.SliceExpr); ok {
			e = ast.Unparen(sl.X)
		}
		if _, isSel := e.(*ast.SelectorExpr); !isSel {
			continue
		}
		if v := s.fieldOf(e); v != nil && bufmodel.IsByteSlice(v.Type()) && s.reached(ps, e, false) {
			out = append(out, v)
		}
	}
	return out
}
