package dataflow

import (
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// This file derives, for one function, the parameters it uses as
// addresses the collector cannot see it use: what its fact tells callers
// in this and importing packages, so that a Go address a caller keeps in
// an integer field, or converts in the argument list of a wrapper, is
// followed into the system call or the C function that uses it.

// ParamAddresses returns the parameters fn uses as addresses: integer
// parameters it converts back to pointers or hands to the system or to C,
// and parameters (uintptrs, unsafe.Pointers, pointers to structs or
// arrays: bufmodel.MayCarryAddress) whose target it hands, by address,
// to the system or to C, directly or through a function whose fact says it
// does. The system's own functions say nothing: the compiler keeps the
// conversions in their argument lists alive.
func (a *Package) ParamAddresses(fn *ssa.Function) []facts.ParamAddress {
	if PkgOf(fn) == nil || SystemFunc(fn) {
		return nil
	}
	var out []facts.ParamAddress
	add := func(p *ssa.Parameter, via string) {
		i := indexOf(fn.Params, p)
		if i < 0 || !bufmodel.MayCarryAddress(p.Type()) || slices.ContainsFunc(out, func(x facts.ParamAddress) bool { return x.Param == i }) {
			return
		}
		out = append(out, facts.ParamAddress{Param: i, Name: p.Name(), Via: via})
	}
	for p, use := range AddressParams(fn) {
		via := ""
		if call, ok := use.(ssa.CallInstruction); ok && systemCall(call) {
			via = CallName(call)
		}
		add(p, via)
	}
	eachCall([]*ssa.Function{fn}, func(call ssa.CallInstruction) {
		args := call.Common().Args
		if systemCall(call) {
			for _, arg := range args {
				if p, ok := stripConversions(arg).(*ssa.Parameter); ok {
					add(p, CallName(call))
				}
			}
			return
		}
		callee := call.Common().StaticCallee()
		if callee == nil || callee == fn {
			return
		}
		for _, pa := range a.CalleeAddresses(callee) {
			if pa.Param >= len(args) || pa.Via == "" {
				continue
			}
			if p, ok := stripConversions(args[pa.Param]).(*ssa.Parameter); ok {
				add(p, pa.Via)
			}
		}
	})
	slices.SortFunc(out, func(x, y facts.ParamAddress) int { return x.Param - y.Param })
	return out
}

// CalleeAddresses returns the parameters fn, a function of this package or
// an imported one, uses as addresses, as its fact says.
func (a *Package) CalleeAddresses(fn *ssa.Function) []facts.ParamAddress {
	if fact := a.summary(fn); fact != nil {
		return fact.Addresses
	}
	return nil
}

// CallName names the function a call calls, as users write it: C.malloc
// for cgo's _CMalloc, C.f for _Cfunc_f, syscall.Syscall.
func CallName(call ssa.CallInstruction) string {
	fn := call.Common().StaticCallee()
	if fn == nil {
		return "the call"
	}
	switch name := fn.Name(); {
	case strings.HasPrefix(name, "_Cfunc_"):
		name = strings.TrimPrefix(name, "_Cfunc_")
		if name == "_CMalloc" {
			name = "malloc"
		}
		return "C." + name
	case name == "_CMalloc":
		return "C.malloc"
	}
	if p := PkgOf(fn); p != nil {
		return p.Name() + "." + fn.Name()
	}
	return fn.Name()
}
