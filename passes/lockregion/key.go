package lockregion

import (
	"go/constant"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/ssa"
)

// A Key names a buffer or a view within one function by where its value
// comes from: a root SSA value (a parameter, free variable, global, call
// result, allocation or a phi of distinct values) and a path of selections
// from it. Two loads of s.buf have the same Key; a phi that may be either of
// two different buffers is a root of its own, so distinct buffers are never
// merged.
type Key struct {
	Root ssa.Value
	Path string // steps: "&i" field address, ".i" field, "*" load, "[c]" constant index
}

func (k Key) extend(step string) Key { return Key{k.Root, k.Path + step} }

// Valid reports whether k names something.
func (k Key) Valid() bool { return k.Root != nil }

// keyOf resolves v to its Key. It fails (returns the zero Key) for values
// whose identity cannot be known, such as an element at a variable index.
func keyOf(v ssa.Value) Key { return resolve(v, nil) }

func resolve(v ssa.Value, phis map[*ssa.Phi]bool) Key {
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return resolve(v.X, phis).extendIf("*")
		}
	case *ssa.FieldAddr:
		return resolve(v.X, phis).extendIf("&" + strconv.Itoa(v.Field))
	case *ssa.Field:
		return resolve(v.X, phis).extendIf("." + strconv.Itoa(v.Field))
	case *ssa.IndexAddr:
		if c, ok := v.Index.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
			return resolve(v.X, phis).extendIf("[" + c.Value.ExactString() + "]")
		}
		return Key{}
	case *ssa.ChangeType:
		return resolve(v.X, phis)
	case *ssa.Phi:
		return resolvePhi(v, phis)
	}
	return Key{Root: v}
}

func (k Key) extendIf(step string) Key {
	if !k.Valid() {
		return k
	}
	return k.extend(step)
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

// rebase returns the key that k, rooted at a parameter or free variable of a
// callee, names in the caller, where that parameter is bound to arg.
func rebase(arg ssa.Value, path string) Key {
	k := keyOf(arg)
	if !k.Valid() {
		return k
	}
	return Key{k.Root, k.Path + path}
}
