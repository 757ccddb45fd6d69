package unpinned

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/passes/lockregion"
)

// References into buffer data that the garbage collector does not see: a
// uintptr is an integer, so it keeps nothing alive or in place; the
// unsafe.Pointer rules allow one only within the expression that converts
// it back. These checks read each function's SSA alone, not lock states,
// so they run once per function rather than once per solved context.

// unsafeRefs runs the uintptr, header and cgo checks over every function
// the engine built.
func (c *checker) unsafeRefs() {
	var fns []*ssa.Function
	seen := map[*ssa.Function]bool{}
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		if !seen[fn] && !lockregion.UnsafeExempt(fn) {
			seen[fn] = true
			fns = append(fns, fn)
			for _, anon := range fn.AnonFuncs {
				add(anon) // function literals the engine solves with their parent
			}
		}
	}
	for f := range c.res.Solved() {
		add(f.Fn)
	}
	if len(fns) == 0 {
		return
	}
	places := lockregion.AddressPlaces(fns)
	cplaces := lockregion.FindCPlaces(fns)
	handed := c.res.HandedTypes(fns)
	addressParams := map[*ssa.Function]map[*ssa.Parameter]ssa.Instruction{}
	for _, fn := range fns {
		if ps := lockregion.AddressParams(fn); ps != nil {
			addressParams[fn] = ps
		}
	}
	for _, fn := range fns {
		pins := lockregion.PinnedData(fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c.keptUintptr(instr)
				c.wrappedUintptr(instr, addressParams)
				c.storedUintptr(instr, places, handed, pins)
				c.header(instr)
				c.cgoStore(instr, pins, cplaces)
				c.cgoArg(instr)
			}
		}
	}
}

// keptUintptr reports a uintptr into Go data, made in this function,
// that instr uses as an address after a call or an allocation made since
// it was computed, or hands to the system or to C from a variable rather
// than from a conversion in the call's argument list: the compiler keeps
// the data alive for the call only in that form.
func (c *checker) keptUintptr(instr ssa.Instruction) {
	for _, op := range lockregion.AddressUses(instr) {
		for _, o := range lockregion.UintptrOrigins(op) {
			if o.Data == nil {
				if o.Header != nil {
					c.report(instr, op, rules.UnpinnedHeader, fmt.Sprintf("unpinned: the Data of a %s held as a value is a uintptr that keeps nothing alive; make the %s with %s instead",
						typeName(o.Header), headerKind(o.Header), headerFix(o.Header)), analysis.RelatedInformation{Pos: o.At.Pos(), Message: "the header's Data read here"})
				}
				continue
			}
			if o.Captured {
				c.report(instr, op, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: a uintptr into %s is captured by a function literal that uses it as an address when it runs; a uintptr does not keep the data alive or pinned until then: capture the slice or an unsafe.Pointer, and convert in the same expression",
					c.dataName(o.Data)), analysis.RelatedInformation{Pos: o.At.Pos(), Message: "the address taken here"})
				return
			}
			if call, isCall := instr.(ssa.CallInstruction); isCall {
				// The argument-list form holds for go and defer statements
				// too: the compiler keeps the unsafe.Pointer until the call.
				if isCgo(call) {
					// In the argument list or not: cgo keeps pointers alive
					// for the call, not integers.
					c.report(instr, op, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: the address of %s is passed to %s as an integer; cgo neither checks an address passed as an integer nor keeps the data alive for the call, and C may keep it after the call returns: pass an unsafe.Pointer if C uses it only during the call, or a cgo.Handle if C keeps it",
						c.dataName(o.Data), lockregion.CallName(call)), analysis.RelatedInformation{Pos: o.At.Pos(), Message: "the address taken here"})
					return
				}
				if c.inCallArgs(o.At, call) {
					continue
				}
				c.report(instr, op, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: a uintptr into %s is kept in a variable and passed to %s; a uintptr does not keep the data alive during the call: convert the pointer in the call's argument list (uintptr(unsafe.Pointer(&b[0]))), where the compiler keeps it alive",
					c.dataName(o.Data), lockregion.CallName(call)), analysis.RelatedInformation{Pos: o.At.Pos(), Message: "the address taken here"})
				return
			}
			if between := lockregion.CallOrAllocBetween(o.At, instr, o.ThroughPhi); between != nil {
				what := "call"
				if _, isCall := between.(ssa.CallInstruction); !isCall {
					what = "allocation"
				}
				c.report(instr, op, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: a uintptr into %s is kept across the %s at %s; a uintptr does not keep the data alive or pinned: convert it back to unsafe.Pointer in the same expression, or keep an unsafe.Pointer instead",
					c.dataName(o.Data), what, c.r.Line(between.Pos(), instr.Pos())), analysis.RelatedInformation{Pos: between.Pos(), Message: what + " made while only a uintptr refers to the data"})
				return
			}
		}
	}
}

// wrappedUintptr reports a uintptr into a variable or a slice the function
// makes, handed to a function of the package that uses that parameter as
// an address: the conversion in a wrapper's argument list keeps nothing
// alive or in place, since only a system call's own argument list does (an
// ioctl helper taking the request as uintptr), and the variable may be on
// the stack, which moves when it grows.
func (c *checker) wrappedUintptr(instr ssa.Instruction, addressParams map[*ssa.Function]map[*ssa.Parameter]ssa.Instruction) {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return
	}
	callee := call.Common().StaticCallee()
	if callee == nil {
		return
	}
	args := call.Common().Args
	for i, a := range args {
		var where string // where the callee uses the parameter as an address
		var related []analysis.RelatedInformation
		if ps := addressParams[callee]; ps != nil {
			if i >= len(callee.Params) || ps[callee.Params[i]] == nil {
				continue
			}
			use := ps[callee.Params[i]]
			where = "at " + c.r.Line(use.Pos(), instr.Pos())
			related = append(related, analysis.RelatedInformation{Pos: use.Pos(), Message: "used as an address here"})
		} else if pa := importedAddress(c.res.Addresses(callee), i); pa != nil && bufmodel.IsInteger(a.Type()) {
			where = "in " + pa.Via
			if pa.Via == "" {
				where = "(it converts " + pa.Name + " back to a pointer)"
			}
		} else {
			continue
		}
		for _, o := range lockregion.UintptrOrigins(a) {
			if !madeHere(o.Data) {
				// The caller's data is not on this function's stack, and
				// may not be Go memory at all (a shared-memory segment).
				continue
			}
			fix := "make " + c.res.FuncName(callee) + "'s parameter an unsafe.Pointer, and convert it to uintptr in the system call's argument list"
			if lockregion.PkgOf(callee) != c.pass.Pkg {
				fix = "pin the data with a runtime.Pinner held across the call, or pass an unsafe.Pointer to a function that converts it in the system call's argument list"
			}
			c.report(instr, a, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: a uintptr into %s is passed to %s, which uses it as an address %s; only a system call's own argument list keeps the data alive for the call: %s",
				c.dataName(o.Data), c.res.FuncName(callee), where, fix), related...)
			return
		}
	}
}

// importedAddress returns the entry of an imported function's addresses
// for its parameter i, or nil.
func importedAddress(addrs []lockregion.ParamAddress, i int) *lockregion.ParamAddress {
	for k := range addrs {
		if addrs[k].Param == i {
			return &addrs[k]
		}
	}
	return nil
}

// madeHere reports whether the Go data v is a variable or a slice the
// function makes itself: what may live on its stack, which moves when the
// stack grows while a wrapper runs.
func madeHere(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Alloc, *ssa.MakeSlice:
		return true
	}
	return false
}

// storedUintptr reports a uintptr into Go data stored into a field, a
// global, or an element of one, that some function of the package loads
// and uses as an address, or whose containing value the package hands by
// address to the system or to C: by then the data may have moved or been
// freed. A uintptr stored where it is only ever a number (an identity key,
// a printed address) is not a reference, and is not reported.
func (c *checker) storedUintptr(instr ssa.Instruction, places map[types.Object]ssa.Instruction, handed *lockregion.HandedTypes, pins map[any]bool) {
	var place types.Object
	var val ssa.Value
	var container types.Type
	switch i := instr.(type) {
	case *ssa.Store:
		place, val, container = lockregion.PlaceOf(i.Addr), i.Val, lockregion.ContainerType(i.Addr)
	case *ssa.MapUpdate:
		place, val = lockregion.ContainerPlace(i.Map), i.Value
	}
	if place == nil || !bufmodel.IsInteger(val.Type()) {
		return
	}
	use := places[place]
	var handedTo lockregion.Handing
	if use == nil && container != nil {
		handedTo = handed.Call(container, instr.Parent())
	}
	if use == nil && handedTo.Call == nil {
		return // kept as a number: printed, compared, never an address again
	}
	for _, o := range lockregion.UintptrOrigins(val) {
		if o.Data == nil || pins[lockregion.DataKey(o.Data)] {
			continue
		}
		if use != nil {
			c.report(instr, val, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: a uintptr into %s is stored in %s, and used as an address at %s; a uintptr does not keep the data alive or pinned: keep an unsafe.Pointer (or the slice) there instead",
				c.dataName(o.Data), place.Name(), c.r.Line(use.Pos(), instr.Pos())),
				analysis.RelatedInformation{Pos: use.Pos(), Message: "used as an address here"})
			return
		}
		to := lockregion.CallName(handedTo.Call)
		at := c.r.Line(handedTo.Call.Pos(), instr.Pos())
		if handedTo.Via != "" {
			at += ", which hands it to " + handedTo.Via
		}
		c.report(instr, val, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: a uintptr into %s is stored in the integer field %s of %s, whose address is handed to %s at %s; the collector does not see an address kept as an integer, so nothing keeps the data alive or in place for the call: declare the field as a pointer (unsafe.Pointer or *T), or pin the data with a runtime.Pinner held across the call",
			c.dataName(o.Data), place.Name(), c.localType(container), to, at),
			analysis.RelatedInformation{Pos: handedTo.Call.Pos(), Message: "handed to " + to + " here"})
		return
	}
}

// header reports a reflect header made as a value (a variable or a
// composite literal) whose address is turned into a slice or a string,
// and the Data field of a header that describes a real slice or string set
// from a uintptr computed elsewhere than in the assignment.
func (c *checker) header(instr ssa.Instruction) {
	switch i := instr.(type) {
	case *ssa.Alloc:
		t := i.Type().Underlying().(*types.Pointer).Elem()
		if !bufmodel.IsHeaderType(t) || !lockregion.ConvertedToPointer(i) {
			return
		}
		c.report(instr, nil, rules.UnpinnedHeader, fmt.Sprintf("unpinned: the %s made here is a value, not a real %s: its Data is a uintptr that keeps nothing alive, so the %s made from it may refer to freed memory; use %s instead",
			typeName(t), headerKind(t), headerKind(t), headerFix(t)))
	case *ssa.Store:
		fa, ok := i.Addr.(*ssa.FieldAddr)
		if !ok {
			return
		}
		if !lockregion.IsHeaderPointer(fa.X.Type()) {
			return
		}
		t := fa.X.Type().Underlying().(*types.Pointer).Elem()
		if t.Underlying().(*types.Struct).Field(fa.Field).Name() != "Data" {
			return
		}
		if _, made := fa.X.(*ssa.Alloc); made {
			return // a header value: reported where it is made
		}
		if c.convertedHere(i.Val, i.Pos()) {
			return
		}
		if lockregion.OverlaysReal(fa.X) && isRealHeaderData(i.Val) {
			return // bh.Data = sh.Data: copied from one real header to another
		}
		c.report(instr, i.Val, rules.UnpinnedHeader, fmt.Sprintf("unpinned: the Data of a %s is set from a uintptr computed elsewhere; nothing kept the data alive in between: convert the pointer in this assignment (h.Data = uintptr(unsafe.Pointer(p))), or use %s",
			typeName(t), headerFix(t)))
	}
}

// isRealHeaderData reports whether v is the Data field read through a
// pointer to a real slice's or string's header.
func isRealHeaderData(v ssa.Value) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	return ok && lockregion.IsHeaderPointer(fa.X.Type()) && lockregion.OverlaysReal(fa.X)
}

// convertedHere reports whether v, stored by the statement at stmt, is a
// pointer converted to uintptr in that statement (plus an offset): the
// form the unsafe rules allow for a header's Data.
func (c *checker) convertedHere(v ssa.Value, stmt token.Pos) bool {
	switch v := v.(type) {
	case *ssa.Convert:
		return bufmodel.BasicKind(v.X.Type()) == types.UnsafePointer && c.sameStatement(v.Pos(), stmt)
	case *ssa.BinOp:
		return c.convertedHere(v.X, stmt) || c.convertedHere(v.Y, stmt)
	case *ssa.Call:
		fn := v.Call.StaticCallee()
		if fn == nil {
			return false
		}
		obj, _ := fn.Object().(*types.Func)
		return bufmodel.IsAddressFunc(obj) && c.sameStatement(v.Pos(), stmt)
	}
	return false
}

// inCallArgs reports whether the conversion at is written inside the
// argument list of call.
func (c *checker) inCallArgs(at ssa.Instruction, call ssa.CallInstruction) bool {
	lparen := call.Common().Pos() // for go and defer, Pos is the keyword's
	file := c.fileOf(lparen)
	if file == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file, lparen, lparen)
	for _, n := range path {
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == lparen {
			return ce.Lparen < at.Pos() && at.Pos() < ce.Rparen
		}
	}
	return false
}

// sameStatement reports whether a and b are in the same statement.
func (c *checker) sameStatement(a, b token.Pos) bool {
	file := c.fileOf(b)
	if file == nil || !a.IsValid() {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file, b, b)
	for _, n := range path {
		if s, ok := n.(ast.Stmt); ok {
			return s.Pos() <= a && a < s.End()
		}
	}
	return false
}

// isCgo reports whether call calls a C function.
func isCgo(call ssa.CallInstruction) bool {
	fn := call.Common().StaticCallee()
	return fn != nil && bufmodel.IsCgoFunc(fn.Name())
}

func typeName(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// headerKind is "slice" or "string", for a header type.
func headerKind(t types.Type) string {
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Name() == "StringHeader" {
		return "string"
	}
	return "slice"
}

func headerFix(t types.Type) string {
	if headerKind(t) == "string" {
		return "unsafe.String(ptr, len)"
	}
	return "unsafe.Slice(ptr, len)"
}

// dataName names Go data for a message, with its type: "s.words
// ([]uint64)", "x (T)" for a variable, "v.Bytes() ([]byte)" for a call's
// result.
func (c *checker) dataName(v ssa.Value) string {
	t := v.Type()
	switch v.(type) {
	case *ssa.Alloc, *ssa.FieldAddr, *ssa.Global:
		t = t.Underlying().(*types.Pointer).Elem() // the variable's own type
	}
	return fmt.Sprintf("%s (%s)", c.dataExpr(v, 0), c.localType(t))
}

// localType writes t as the package's code does: its own types unqualified,
// cgo's as C.x.
func (c *checker) localType(t types.Type) string {
	local := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		return p.Name()
	}
	return strings.ReplaceAll(types.TypeString(t, local), "_Ctype_", "C.")
}

// dataExpr writes the expression v was read from: a variable, a field
// path, a call.
func (c *checker) dataExpr(v ssa.Value, depth int) string {
	if depth < 8 {
		switch v := v.(type) {
		case *ssa.Alloc:
			if n := c.res.NameOr(lockregion.Key{Root: v}, ""); n != "" {
				return n
			}
			if v.Comment != "" {
				return v.Comment
			}
		case *ssa.UnOp:
			if v.Op == token.MUL {
				return c.dataExpr(v.X, depth+1)
			}
		case *ssa.FieldAddr:
			if f := lockregion.PlaceOf(v); f != nil {
				return c.dataExpr(v.X, depth+1) + "." + f.Name()
			}
		case *ssa.Call:
			if file := c.fileOf(v.Pos()); file != nil {
				path, _ := astutil.PathEnclosingInterval(file, v.Pos(), v.Pos())
				for _, n := range path {
					if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == v.Pos() {
						return types.ExprString(ce)
					}
				}
			}
		case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
			return v.Name()
		}
	}
	if n := c.res.NameOr(lockregion.Key{Root: v}, ""); n != "" {
		return n
	}
	return "Go data"
}
