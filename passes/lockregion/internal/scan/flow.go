package scan

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file follows, in a body, the values derived from the function's
// parameters other than its receiver (chunks := s.packetize(p), c in
// range chunks) to the functions of the package they are handed to: a
// Write method that keeps its slice may do it there (a queue's Push, an
// association storing the chunks), and those functions' SSA says so.

// paramFlow is the syntactic taint of one body.
type paramFlow struct {
	tainted map[types.Object]bool
}

// newParamFlow starts from fd's parameters that may hold byte slices,
// without its receiver; nil when it has none.
func (s *scanner) newParamFlow(fd *ast.FuncDecl) *paramFlow {
	pf := &paramFlow{tainted: map[types.Object]bool{}}
	for _, f := range fd.Type.Params.List {
		for _, n := range f.Names {
			if obj := s.info.Defs[n]; obj != nil && s.holdsBytes(obj.Type()) {
				pf.tainted[obj] = true
			}
		}
	}
	if len(pf.tainted) == 0 {
		return nil
	}
	return pf
}

// mentions reports whether e names a tainted variable.
func (pf *paramFlow) mentions(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && pf.tainted[info.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// carriedBy returns a test of whether an expression carries a tainted
// value's bytes: it may hold byte slices and names a tainted variable.
func (pf *paramFlow) carriedBy(s *scanner) func(ast.Expr) bool {
	return func(e ast.Expr) bool {
		return e != nil && s.holdsBytes(s.info.TypeOf(e)) && pf.mentions(s.info, e)
	}
}

// holdsBytes is bufmodel.HoldsByteSlices, remembered per type for the
// package's walk.
func (s *scanner) holdsBytes(t types.Type) bool {
	if t == nil {
		return false
	}
	h, ok := s.holds[t]
	if !ok {
		h = bufmodel.HoldsByteSlices(t)
		s.holds[t] = h
	}
	return h
}

// taint marks the variables es assigns when from mentions a tainted one.
func (pf *paramFlow) taint(info *types.Info, from []ast.Expr, es ...ast.Expr) {
	if !slices.ContainsFunc(from, func(e ast.Expr) bool { return e != nil && pf.mentions(info, e) }) {
		return
	}
	for _, e := range es {
		if id, ok := e.(*ast.Ident); ok {
			if obj := info.ObjectOf(id); obj != nil {
				pf.tainted[obj] = true
			}
		}
	}
}

// readFlowBody walks fn's body once for what it does with values derived
// from its parameters: only the io methods and what their slices reach
// need it.
func (s *scanner) readFlowBody(fn *Func) {
	if fn.flowRead {
		return
	}
	fn.flowRead = true
	pf := s.newParamFlow(fn.Decl)
	if pf == nil {
		return
	}
	ast.Inspect(fn.Decl.Body, func(n ast.Node) bool {
		s.readFlow(fn, pf, n)
		return true
	})
}

// readFlow records what n does with values derived from parameters.
func (s *scanner) readFlow(fn *Func, pf *paramFlow, n ast.Node) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		pf.taint(s.info, n.Rhs, n.Lhs...)
		// A store of a derived value that may hold byte slices beyond
		// the body's variables (r.writes = append(r.writes, p); not
		// w.n += len(p)).
		for _, l := range n.Lhs {
			if _, local := ast.Unparen(l).(*ast.Ident); !local && slices.ContainsFunc(n.Rhs, pf.carriedBy(s)) {
				fn.storesFlow = true
			}
		}
	case *ast.ValueSpec:
		pf.taint(s.info, n.Values, identExprs(n.Names)...)
	case *ast.RangeStmt:
		pf.taint(s.info, []ast.Expr{n.X}, n.Key, n.Value)
	case *ast.CallExpr:
		f, ok := typeutil.Callee(s.info, n).(*types.Func)
		if !ok || f.Pkg() != s.pkg || slices.Contains(fn.flowCalls, f.Origin()) {
			return
		}
		if slices.ContainsFunc(n.Args, pf.carriedBy(s)) {
			fn.flowCalls = append(fn.flowCalls, f.Origin())
		}
	}
}

func identExprs(ids []*ast.Ident) []ast.Expr {
	out := make([]ast.Expr, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// ioKeepers returns the Read, ReadAt, Write and WriteAt methods of the
// package that store their slice or hand it, or what they derive from it,
// to functions of the package, with the functions that values derived
// from it reach: one of them may keep it (unpinned/borrowed).
func (p *Package) ioKeepers() []*ast.FuncDecl {
	var out []*ast.FuncDecl
	seen := map[*types.Func]bool{}
	for _, fn := range p.funcs {
		if !isIOMethodDecl(fn.Decl) || seen[fn.Obj] {
			continue
		}
		p.s.readBody(fn, p.unsafeMaybe)
		if !fn.alias.bufParam {
			continue
		}
		p.s.readFlowBody(fn)
		if !fn.storesFlow && len(fn.flowCalls) == 0 {
			continue
		}
		// The method and the functions its slice reaches; only where one
		// of them stores what it derives from its parameters can the
		// slice be kept.
		reach := []*Func{fn}
		stores := fn.storesFlow
		seen[fn.Obj] = true
		work := slices.Clone(fn.flowCalls)
		for len(work) > 0 {
			f := work[len(work)-1]
			work = work[:len(work)-1]
			g := p.byObj[f]
			if seen[f] || g == nil {
				continue
			}
			seen[f] = true
			p.s.readFlowBody(g)
			reach = append(reach, g)
			stores = stores || g.storesFlow
			work = append(work, g.flowCalls...)
		}
		if stores {
			for _, g := range reach {
				out = append(out, g.Decl)
			}
		}
	}
	return out
}

// isIOMethodDecl reports whether fd is a method named Read, ReadAt,
// Write or WriteAt.
func isIOMethodDecl(fd *ast.FuncDecl) bool {
	if fd.Recv == nil {
		return false
	}
	switch fd.Name.Name {
	case "Read", "ReadAt", "Write", "WriteAt":
		return true
	}
	return false
}
