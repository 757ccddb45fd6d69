package dataflow

import (
	"go/constant"
	"go/token"
	"sync"

	"golang.org/x/tools/go/ssa"
)

// A Key names a guarded object, a guard or a handle within one function by
// where its value comes from: a root SSA value (a parameter, free variable,
// global, call result, allocation or a phi of distinct values) and a path of
// selections from it. Two loads of s.buf have the same Key; a phi that may be
// either of two different buffers is a root of its own, so distinct buffers
// are never merged.
type Key struct {
	Root ssa.Value
	Path Path
}

// Valid reports whether k names something.
func (k Key) Valid() bool { return k.Root != nil }

// A Path is a sequence of steps. Paths are interned, so that equal paths are
// equal values and Key stays comparable; the zero Path is empty.
type Path struct{ n *pathNode }

type pathNode struct {
	parent *pathNode
	step   Step
}

type pathEdge struct {
	parent *pathNode
	step   Step
}

// paths interns path nodes, for every package the process analyzes. Paths
// are short and few, so the table stays small.
var paths sync.Map // pathEdge -> *pathNode

// Extend returns p followed by s.
func (p Path) Extend(s Step) Path {
	e := pathEdge{p.n, s}
	if n, ok := paths.Load(e); ok {
		return Path{n.(*pathNode)}
	}
	n, _ := paths.LoadOrStore(e, &pathNode{parent: p.n, step: s})
	return Path{n.(*pathNode)}
}

// Concat returns p followed by the steps of q.
func (p Path) Concat(q Path) Path {
	for _, s := range q.Steps() {
		p = p.Extend(s)
	}
	return p
}

// Steps returns the steps of p, first to last.
func (p Path) Steps() []Step {
	var out []Step
	for n := p.n; n != nil; n = n.parent {
		out = append(out, n.step)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Empty reports whether p has no steps.
func (p Path) Empty() bool { return p.n == nil }

// PathOf returns the path made of steps.
func PathOf(steps []Step) Path {
	var p Path
	for _, s := range steps {
		p = p.Extend(s)
	}
	return p
}

func (k Key) extendIf(s Step) Key {
	if !k.Valid() {
		return k
	}
	return Key{k.Root, k.Path.Extend(s)}
}

// keyOf resolves v to its Key. It fails (returns the zero Key) for values
// whose identity cannot be known, such as an element at a variable index.
func keyOf(v ssa.Value) Key { return resolve(v, nil) }

func resolve(v ssa.Value, phis map[*ssa.Phi]bool) Key {
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL {
			if alloc, ok := v.X.(*ssa.Alloc); ok {
				if p := spilled(alloc); p != nil {
					return Key{Root: p} // a parameter captured by a closure, read back
				}
			}
			return resolve(v.X, phis).extendIf(Step{Op: Load})
		}
	case *ssa.FieldAddr:
		return resolve(v.X, phis).extendIf(Step{Op: FieldAddr, Index: v.Field})
	case *ssa.Field:
		return resolve(v.X, phis).extendIf(Step{Op: Field, Index: v.Field})
	case *ssa.IndexAddr:
		if c, ok := v.Index.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
			if i, exact := constant.Int64Val(c.Value); exact {
				return resolve(v.X, phis).extendIf(Step{Op: Elem, Index: int(i)})
			}
		}
		return Key{}
	case *ssa.ChangeType:
		return resolve(v.X, phis)
	case *ssa.MakeInterface:
		return resolve(v.X, phis) // the object the interface holds
	case *ssa.ChangeInterface:
		return resolve(v.X, phis)
	case *ssa.TypeAssert:
		if !v.CommaOk {
			return resolve(v.X, phis) // pool.Get().(*bytes.Buffer)
		}
	case *ssa.Phi:
		return resolvePhi(v, phis)
	}
	return Key{Root: v}
}

// resolvePhi gives a phi the Key its edges share, ignoring edges that lead
// back to the phi itself (loops); when edges differ the phi is its own root.
func resolvePhi(phi *ssa.Phi, phis map[*ssa.Phi]bool) Key {
	if phis[phi] {
		return Key{} // a cycle: this edge adds no new identity
	}
	if phis == nil {
		phis = map[*ssa.Phi]bool{}
	}
	phis[phi] = true
	defer delete(phis, phi)
	var common Key
	for _, e := range phi.Edges {
		k := resolve(e, phis)
		if !k.Valid() {
			if isCycleTo(e, phi) {
				continue
			}
			return Key{Root: phi}
		}
		if common.Valid() && k != common {
			return Key{Root: phi}
		}
		common = k
	}
	if !common.Valid() {
		return Key{Root: phi}
	}
	return common
}

// isCycleTo reports whether e is (a chain of phis leading to) phi.
func isCycleTo(e ssa.Value, phi *ssa.Phi) bool {
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value) bool
	walk = func(v ssa.Value) bool {
		if v == phi {
			return true
		}
		p, ok := v.(*ssa.Phi)
		if !ok || seen[v] {
			return false
		}
		seen[v] = true
		for _, e := range p.Edges {
			if walk(e) {
				return true
			}
		}
		return false
	}
	return walk(e)
}

// normalize rewrites a key rooted at the variable a captured parameter is
// spilled into, and read back from it, as rooted at the parameter: the
// closure renaming of Func.keyOf builds such keys from the variable.
func normalize(k Key) Key {
	alloc, ok := k.Root.(*ssa.Alloc)
	if !ok {
		return k
	}
	steps := k.Path.Steps()
	if len(steps) == 0 || steps[0].Op != Load {
		return k
	}
	p := spilled(alloc)
	if p == nil {
		return k
	}
	return Key{p, PathOf(steps[1:])}
}

// spilled returns the parameter that alloc holds, when alloc is the
// variable a parameter captured by a closure lives in (go/ssa spills such
// parameters) and nothing ever stores another value into it, here or in a
// closure: every load of it yields the parameter.
func spilled(alloc *ssa.Alloc) *ssa.Parameter {
	var param *ssa.Parameter
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			p, ok := r.Val.(*ssa.Parameter)
			if r.Addr != alloc || !ok || param != nil {
				return nil
			}
			param = p
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return nil
			}
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			if !capturedReadOnly(r, alloc, 0) {
				return nil
			}
		default:
			return nil
		}
	}
	return param
}

// capturedReadOnly reports whether the closures made by mc (and those they
// make in turn) only load the variable v they capture.
func capturedReadOnly(mc *ssa.MakeClosure, v ssa.Value, depth int) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || depth > 8 {
		return false
	}
	for i, b := range mc.Bindings {
		if b != v || i >= len(fn.FreeVars) {
			continue
		}
		fv := fn.FreeVars[i]
		for _, r := range *fv.Referrers() {
			switch r := r.(type) {
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return false
				}
			case *ssa.DebugRef:
			case *ssa.MakeClosure:
				if !capturedReadOnly(r, fv, depth+1) {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}
