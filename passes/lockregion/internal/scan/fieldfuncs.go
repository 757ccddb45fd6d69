package scan

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file reads function literals stored into func-typed fields (a
// message's release func() set to a closure that puts its buffer back)
// and the calls made through such fields (m.release()): a call through a
// field some literal of the package reuses a buffer in does the same, as
// dataflow's fieldFuncs resolves it once the SSA is built.

// fieldCall is a call through a func-typed field.
type fieldCall struct {
	field *types.Var
	// reached is set when the field is reached from a parameter (a
	// method's m.release()): the function reuses what the caller holds.
	reached bool
}

// funcField returns the func-typed field e selects, or nil.
func (s *scanner) funcField(e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	v, ok := s.info.Uses[sel.Sel].(*types.Var)
	if !ok || !v.IsField() {
		return nil
	}
	if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc {
		return nil
	}
	return v.Origin()
}

// readFieldCall records a call through a func-typed field.
func (s *scanner) readFieldCall(fn *Func, n *ast.CallExpr, ps *params) {
	if v := s.funcField(n.Fun); v != nil {
		fn.fieldCalls = append(fn.fieldCalls, fieldCall{field: v, reached: ps != nil && s.reached(ps, n.Fun, false)})
	}
}

// readFieldStore records the function literals n stores into func-typed
// fields (m.release = func() {...}, &msg{release: func() {...}}), and fn
// as a function that does.
func (s *scanner) readFieldStore(fn *Func, n ast.Node) {
	store := func(v *types.Var, e ast.Expr) {
		lit, ok := ast.Unparen(e).(*ast.FuncLit)
		if v == nil || !ok {
			return
		}
		s.out.fieldLits[v] = append(s.out.fieldLits[v], lit)
		if !slices.Contains(s.out.fieldStorers[v], fn) {
			s.out.fieldStorers[v] = append(s.out.fieldStorers[v], fn)
		}
	}
	switch n := n.(type) {
	case *ast.AssignStmt:
		if len(n.Lhs) == len(n.Rhs) {
			for i, l := range n.Lhs {
				store(s.funcField(l), n.Rhs[i])
			}
		}
	case *ast.CompositeLit:
		for _, e := range n.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					if v, ok := s.info.Uses[id].(*types.Var); ok && v.IsField() {
						if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
							store(v.Origin(), kv.Value)
						}
					}
				}
			}
		}
	}
}

// reusingFields returns the func-typed fields some literal stored into
// reuses a buffer in: it calls a model method that reuses or gives one
// away, a function that fills a slice, or a function of the package that
// reuses (reuses, from helpers).
func (p *Package) reusingFields(reuses map[*types.Func]bool) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	for v, lits := range p.fieldLits {
		for _, lit := range lits {
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || out[v] {
					return !out[v]
				}
				f, ok := typeutil.Callee(p.s.info, call).(*types.Func)
				if !ok {
					return true
				}
				r, modelled := bufmodel.Lookup(f)
				out[v] = modelled && (r.Effect.Has(bufmodel.Reuse) || r.GivesAway()) || Filler(f) || f.Pkg() == p.pkg && reuses[f.Origin()]
				return !out[v]
			})
		}
	}
	return out
}
