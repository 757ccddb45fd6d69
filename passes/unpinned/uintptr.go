package unpinned

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
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
		if !seen[fn] {
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
	places := addressPlaces(fns)
	for _, fn := range fns {
		pins := pinnedData(fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c.keptUintptr(instr)
				c.storedUintptr(instr, places)
				c.header(instr)
				c.cgoStore(instr, pins)
			}
		}
	}
}

// origin is where a uintptr's value comes from: the conversion (or the
// reflect call) that took the address of Go byte data, or a load from a
// field or a global.
type origin struct {
	at    ssa.Instruction
	data  ssa.Value    // the slice, array or string the address is into
	place types.Object // the field or global it was loaded from
	// header is set for the Data field of a reflect header held as a value.
	header types.Type
	// captured is set when the uintptr reached the function that uses it
	// through a closure's free variable: the closure runs later.
	captured bool
}

// uintptrOrigins returns the origins of v, through arithmetic, phis and
// local variables whose address is taken.
func uintptrOrigins(v ssa.Value, seen map[ssa.Value]bool) []origin {
	if seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Convert:
		if basicKind(v.X.Type()) == types.UnsafePointer {
			if d := dataRoot(v.X, 0); d != nil {
				return []origin{{at: v, data: d}}
			}
		}
	case *ssa.Call:
		if fn := v.Call.StaticCallee(); fn != nil && bufmodel.IsAddressFunc(typesFunc(fn)) && len(v.Call.Args) > 0 {
			if d := reflected(v.Call.Args[0]); d != nil {
				return []origin{{at: v, data: d}}
			}
		}
	case *ssa.BinOp:
		return append(uintptrOrigins(v.X, seen), uintptrOrigins(v.Y, seen)...)
	case *ssa.Phi:
		var out []origin
		for _, e := range v.Edges {
			out = append(out, uintptrOrigins(e, seen)...)
		}
		return out
	case *ssa.Field:
		if t := v.X.Type(); bufmodel.IsHeaderType(t) {
			return []origin{{at: v, header: t}}
		}
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return nil
		}
		switch x := v.X.(type) {
		case *ssa.Alloc:
			if !x.Heap {
				return storedOrigins(x, seen)
			}
		case *ssa.FreeVar:
			// A variable captured by a function literal.
			var out []origin
			for _, b := range bindings(x) {
				if alloc, ok := b.(*ssa.Alloc); ok {
					for _, o := range storedOrigins(alloc, seen) {
						o.captured = true
						out = append(out, o)
					}
				}
			}
			return out
		}
		if fa, ok := v.X.(*ssa.FieldAddr); ok {
			if _, local := fa.X.(*ssa.Alloc); local && isHeaderPointer(fa.X.Type()) {
				return []origin{{at: v, header: fa.X.Type().Underlying().(*types.Pointer).Elem()}}
			}
		}
		if p := placeOf(v.X); p != nil {
			return []origin{{at: v, place: p}}
		}
	case *ssa.Lookup:
		if p := containerPlace(v.X); p != nil {
			return []origin{{at: v, place: p}}
		}
	case *ssa.FreeVar:
		// Bound by the enclosing function: the closure runs after it is
		// made, so the uintptr is kept until then.
		var out []origin
		for _, b := range bindings(v) {
			for _, o := range uintptrOrigins(b, seen) {
				o.captured = true
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}

// storedOrigins returns the origins of the values stored into the local
// variable alloc.
func storedOrigins(alloc *ssa.Alloc, seen map[ssa.Value]bool) []origin {
	var out []origin
	for _, v := range storedValues(alloc) {
		out = append(out, uintptrOrigins(v, seen)...)
	}
	return out
}

// storedValues returns the values stored into the local variable alloc.
func storedValues(alloc *ssa.Alloc) []ssa.Value {
	var out []ssa.Value
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			out = append(out, st.Val)
		}
	}
	return out
}

// bindings returns the values the enclosing function binds to the free
// variable fv where it makes the closure.
func bindings(fv *ssa.FreeVar) []ssa.Value {
	fn := fv.Parent()
	i := slices.Index(fn.FreeVars, fv)
	if fn.Parent() == nil || i < 0 {
		return nil
	}
	var out []ssa.Value
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn && i < len(mc.Bindings) {
				out = append(out, mc.Bindings[i])
			}
		}
	}
	return out
}

// dataRoot returns the Go slice, array or string whose bytes the pointer v
// points into (&b[i], unsafe.SliceData(b), unsafe.StringData(s),
// unsafe.Pointer(&arr)), or nil: v is not such a pointer as far as its
// definition shows, or it points into memory Go did not allocate (a
// pointer made from an integer, a slice over C memory).
func dataRoot(v ssa.Value, depth int) ssa.Value {
	if depth > 32 {
		return nil
	}
	switch v := v.(type) {
	case *ssa.Convert:
		if basicKind(v.X.Type()) == types.Uintptr {
			return nil // made from an integer
		}
		return dataRoot(v.X, depth+1)
	case *ssa.ChangeType:
		return dataRoot(v.X, depth+1)
	case *ssa.IndexAddr:
		if bufmodel.IsByteData(v.X.Type()) {
			return byteValue(v.X, depth+1)
		}
	case *ssa.Slice:
		if bufmodel.IsByteData(v.X.Type()) {
			return byteValue(v.X, depth+1)
		}
	case *ssa.Alloc:
		if bufmodel.IsByteData(v.Type()) {
			return v // a Go array
		}
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && len(v.Call.Args) > 0 {
			switch b.Name() {
			case "SliceData", "StringData":
				return byteValue(v.Call.Args[0], depth+1)
			case "Add":
				return dataRoot(v.Call.Args[0], depth+1)
			}
		}
	}
	return nil
}

// byteValue returns the Go value holding the bytes of x, a slice, array
// pointer or string: x itself, or what it was derived from; nil when it
// was made over memory Go did not allocate (unsafe.Slice of a C pointer).
func byteValue(x ssa.Value, depth int) ssa.Value {
	switch x := x.(type) {
	case *ssa.Convert, *ssa.ChangeType, *ssa.Slice, *ssa.IndexAddr:
		if bufmodel.IsByteData(x.Type()) {
			if _, toString := x.Type().Underlying().(*types.Basic); toString {
				return x // string(b) is a copy the conversion made
			}
		}
		return dataRoot(x, depth)
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && (b.Name() == "Slice" || b.Name() == "String") && len(x.Call.Args) > 0 {
			return dataRoot(x.Call.Args[0], depth)
		}
	}
	return x
}

// reflected returns the byte data a reflect.Value was made of
// (reflect.ValueOf(b)), or nil.
func reflected(v ssa.Value) ssa.Value {
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := call.Call.StaticCallee()
	if fn == nil || pkgOf(fn) == nil || pkgOf(fn).Path() != "reflect" || fn.Name() != "ValueOf" || len(call.Call.Args) != 1 {
		return nil
	}
	if mi, ok := call.Call.Args[0].(*ssa.MakeInterface); ok && bufmodel.IsByteData(mi.X.Type()) {
		return byteValue(mi.X, 0)
	}
	return nil
}

// placeOf returns the field or global an address names, or, for an element
// of a slice, array or map, the field or global holding it.
func placeOf(addr ssa.Value) types.Object {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return fieldOf(a.X.Type(), a.Field)
	case *ssa.Global:
		return a.Object()
	case *ssa.IndexAddr:
		return containerPlace(a.X)
	}
	return nil
}

// containerPlace returns the field or global holding the slice, array or
// map x.
func containerPlace(x ssa.Value) types.Object {
	switch x := x.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return placeOf(x.X)
		}
	case *ssa.FieldAddr, *ssa.Global:
		return placeOf(x) // an array in a field or a global
	}
	return nil
}

// isHeaderPointer reports whether t points to a reflect header.
func isHeaderPointer(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && bufmodel.IsHeaderType(p.Elem())
}

// fieldOf returns field i of the struct ptr points to; nil for a reflect
// header, whose Data the header check follows.
func fieldOf(ptr types.Type, i int) types.Object {
	if isHeaderPointer(ptr) {
		return nil
	}
	if p, ok := ptr.Underlying().(*types.Pointer); ok {
		if s, ok := p.Elem().Underlying().(*types.Struct); ok && i < s.NumFields() {
			return s.Field(i)
		}
	}
	return nil
}

// addressUse returns the uintptr operands that instr uses as addresses: a
// conversion to unsafe.Pointer, or the uintptr arguments of a call to the
// system or to C, which the callee dereferences.
func addressUse(instr ssa.Instruction) []ssa.Value {
	switch i := instr.(type) {
	case *ssa.Convert:
		if basicKind(i.Type()) == types.UnsafePointer && basicKind(i.X.Type()) == types.Uintptr {
			return []ssa.Value{i.X}
		}
	case ssa.CallInstruction:
		if !systemCall(i) {
			return nil
		}
		var out []ssa.Value
		for _, a := range i.Common().Args {
			if _, isConst := a.(*ssa.Const); !isConst && basicKind(a.Type()) == types.Uintptr {
				out = append(out, a)
			}
		}
		return out
	}
	return nil
}

// systemCall reports whether call hands its arguments to the system or to
// C: a function of a system package (syscall.Syscall, unix.Syscall) or one
// cgo made for a C function.
func systemCall(call ssa.CallInstruction) bool {
	fn := call.Common().StaticCallee()
	if fn == nil {
		return false
	}
	if bufmodel.IsCgoFunc(fn.Name()) {
		return true
	}
	return pkgOf(fn) != nil && bufmodel.IsSystemPackage(pkgOf(fn).Path())
}

// addressPlaces returns the fields and globals whose uintptr values some
// function of the package uses as an address, with one such use.
func addressPlaces(fns []*ssa.Function) map[types.Object]ssa.Instruction {
	out := map[types.Object]ssa.Instruction{}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, op := range addressUse(instr) {
					for _, o := range uintptrOrigins(op, map[ssa.Value]bool{}) {
						if o.place != nil && out[o.place] == nil {
							out[o.place] = instr
						}
					}
				}
			}
		}
	}
	return out
}

// keptUintptr reports a uintptr into buffer data, made in this function,
// that instr uses as an address after a call or an allocation made since
// it was computed, or hands to the system or to C from a variable rather
// than from a conversion in the call's argument list: the compiler keeps
// the data alive for the call only in that form.
func (c *checker) keptUintptr(instr ssa.Instruction) {
	for _, op := range addressUse(instr) {
		for _, o := range uintptrOrigins(op, map[ssa.Value]bool{}) {
			if o.data == nil {
				if o.header != nil {
					c.report(instr, op, rules.UnpinnedHeader, fmt.Sprintf("unpinned: the Data of a %s held as a value is a uintptr that keeps nothing alive; make the %s with %s instead",
						typeName(o.header), headerKind(o.header), headerFix(o.header)), analysis.RelatedInformation{Pos: o.at.Pos(), Message: "the header's Data read here"})
				}
				continue
			}
			if o.captured {
				c.report(instr, op, rules.UnpinnedUintptr, "unpinned: uintptr into buffer data is captured by a function literal that uses it as an address when it runs; a uintptr does not keep the data alive or pinned until then: capture the slice or an unsafe.Pointer, and convert in the same expression",
					analysis.RelatedInformation{Pos: o.at.Pos(), Message: "the address taken here"})
				return
			}
			if call, isCall := instr.(ssa.CallInstruction); isCall {
				// The argument-list form holds for go and defer statements
				// too: the compiler keeps the unsafe.Pointer until the call.
				if c.inCallArgs(o.at, call) {
					continue
				}
				c.report(instr, op, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: uintptr into buffer data is kept in a variable and passed to %s; a uintptr does not keep the data alive during the call: convert the pointer in the call's argument list (uintptr(unsafe.Pointer(&b[0]))), where the compiler keeps it alive",
					calleeName(call)), analysis.RelatedInformation{Pos: o.at.Pos(), Message: "the address taken here"})
				return
			}
			if between := callOrAllocBetween(o.at, instr); between != nil {
				what := "call"
				if _, isCall := between.(ssa.CallInstruction); !isCall {
					what = "allocation"
				}
				c.report(instr, op, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: uintptr into buffer data is kept across the %s at %s; a uintptr does not keep the data alive or pinned: convert it back to unsafe.Pointer in the same expression, or keep an unsafe.Pointer instead",
					what, c.r.Line(between.Pos(), instr.Pos())), analysis.RelatedInformation{Pos: between.Pos(), Message: what + " made while only a uintptr refers to the data"})
				return
			}
		}
	}
}

// storedUintptr reports a uintptr into buffer data stored into a field, a
// global, or an element of one, that some function of the package loads
// and uses as an address: by then the data may have moved or been freed.
func (c *checker) storedUintptr(instr ssa.Instruction, places map[types.Object]ssa.Instruction) {
	var place types.Object
	var val ssa.Value
	switch i := instr.(type) {
	case *ssa.Store:
		place, val = placeOf(i.Addr), i.Val
	case *ssa.MapUpdate:
		place, val = containerPlace(i.Map), i.Value
	}
	if place == nil || basicKind(val.Type()) != types.Uintptr {
		return
	}
	use := places[place]
	if use == nil {
		return // kept as a number: printed, compared, never an address again
	}
	for _, o := range uintptrOrigins(val, map[ssa.Value]bool{}) {
		if o.data == nil {
			continue
		}
		c.report(instr, val, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: uintptr into the data of %s is stored in %s, and used as an address at %s; a uintptr does not keep the data alive or pinned: keep an unsafe.Pointer (or the slice) there instead",
			c.valueName(o.data), place.Name(), c.r.Line(use.Pos(), instr.Pos())),
			analysis.RelatedInformation{Pos: use.Pos(), Message: "used as an address here"})
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
		if !bufmodel.IsHeaderType(t) || !convertedToPointer(i) {
			return
		}
		c.report(instr, nil, rules.UnpinnedHeader, fmt.Sprintf("unpinned: the %s made here is a value, not a real %s: its Data is a uintptr that keeps nothing alive, so the %s made from it may refer to freed memory; use %s instead",
			typeName(t), headerKind(t), headerKind(t), headerFix(t)))
	case *ssa.Store:
		fa, ok := i.Addr.(*ssa.FieldAddr)
		if !ok {
			return
		}
		if !isHeaderPointer(fa.X.Type()) {
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
		c.report(instr, i.Val, rules.UnpinnedHeader, fmt.Sprintf("unpinned: the Data of a %s is set from a uintptr computed elsewhere; nothing kept the data alive in between: convert the pointer in this assignment (h.Data = uintptr(unsafe.Pointer(p))), or use %s",
			typeName(t), headerFix(t)))
	}
}

// convertedHere reports whether v, stored by the statement at stmt, is a
// pointer converted to uintptr in that statement (plus an offset): the
// form the unsafe rules allow for a header's Data.
func (c *checker) convertedHere(v ssa.Value, stmt token.Pos) bool {
	switch v := v.(type) {
	case *ssa.Convert:
		return basicKind(v.X.Type()) == types.UnsafePointer && c.sameStatement(v.Pos(), stmt)
	case *ssa.BinOp:
		return c.convertedHere(v.X, stmt) || c.convertedHere(v.Y, stmt)
	case *ssa.Call:
		fn := v.Call.StaticCallee()
		return fn != nil && bufmodel.IsAddressFunc(typesFunc(fn)) && c.sameStatement(v.Pos(), stmt)
	}
	return false
}

// convertedToPointer reports whether the address of the header alloc is
// converted to unsafe.Pointer: the header is reinterpreted as a slice or
// a string.
func convertedToPointer(alloc *ssa.Alloc) bool {
	for _, ref := range *alloc.Referrers() {
		if conv, ok := ref.(*ssa.Convert); ok && basicKind(conv.Type()) == types.UnsafePointer {
			return true
		}
	}
	return false
}

// cgoStore reports a Go pointer into buffer data stored into C memory: the
// collector does not scan C memory, so nothing there keeps the data alive
// or in place, and cgo forbids it unless the data is pinned.
func (c *checker) cgoStore(instr ssa.Instruction, pins map[ssa.Value]bool) {
	st, ok := instr.(*ssa.Store)
	if !ok {
		return
	}
	if _, ok := st.Val.Type().Underlying().(*types.Pointer); !ok && basicKind(st.Val.Type()) != types.UnsafePointer {
		return
	}
	data := dataRoot(st.Val, 0)
	if data == nil || pins[data] {
		return
	}
	alloc := cMemory(st.Addr, 0)
	if alloc == nil {
		return
	}
	c.report(instr, st.Val, rules.UnpinnedCgoStored, fmt.Sprintf("unpinned: a Go pointer into %s is stored into C memory from %s at %s; the garbage collector does not see it there and cgo forbids it: pin the data with a runtime.Pinner (p.Pin(&b[0]), p.Unpin() when C is done), or copy the bytes into C memory (C.CBytes)",
		c.valueName(data), calleeName(alloc), c.r.Line(alloc.Pos(), st.Pos())), analysis.RelatedInformation{Pos: alloc.Pos(), Message: "C memory allocated here"})
}

// cMemory returns the cgo call that allocated the memory addr is into
// (C.malloc, a C function returning a pointer), or nil.
func cMemory(addr ssa.Value, depth int) ssa.CallInstruction {
	if depth > 32 {
		return nil
	}
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return cMemory(a.X, depth+1)
	case *ssa.IndexAddr:
		return cMemory(a.X, depth+1)
	case *ssa.Convert:
		return cMemory(a.X, depth+1)
	case *ssa.ChangeType:
		return cMemory(a.X, depth+1)
	case *ssa.Call:
		if b, ok := a.Call.Value.(*ssa.Builtin); ok && (b.Name() == "Add" || b.Name() == "Slice") && len(a.Call.Args) > 0 {
			return cMemory(a.Call.Args[0], depth+1)
		}
		fn := a.Call.StaticCallee()
		switch {
		case fn == nil:
		case bufmodel.IsCgoFunc(fn.Name()):
			return a
		case fn.Parent() != nil:
			// cgo wraps a C call whose arguments it checks in a function
			// literal called in place: the C call is what it returns.
			for _, b := range fn.Blocks {
				if len(b.Instrs) == 0 {
					continue
				}
				if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
					if call := cMemory(ret.Results[0], depth+1); call != nil {
						return a
					}
				}
			}
		}
	case *ssa.UnOp:
		// A local variable holding the pointer (one a deferred C.free
		// captures lives on the heap).
		if alloc, ok := a.X.(*ssa.Alloc); ok && a.Op == token.MUL {
			for _, v := range storedValues(alloc) {
				if call := cMemory(v, depth+1); call != nil {
					return call
				}
			}
		}
	}
	return nil
}

// pinnedData returns the byte data fn pins with a runtime.Pinner.
func pinnedData(fn *ssa.Function) map[ssa.Value]bool {
	out := map[ssa.Value]bool{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || !bufmodel.IsPin(typesFunc(callee)) {
				continue
			}
			args := call.Common().Args
			if len(args) < 2 {
				continue // Pin's receiver and its argument
			}
			for _, a := range args[1:] {
				if mi, ok := a.(*ssa.MakeInterface); ok {
					a = mi.X
				}
				if d := dataRoot(a, 0); d != nil {
					out[d] = true
				}
			}
		}
	}
	return out
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

// callOrAllocBetween returns a call or an allocation on some path from def
// to use, excluding both, or nil. Builtins other than append are neither.
func callOrAllocBetween(def, use ssa.Instruction) ssa.Instruction {
	db, ub := def.Block(), use.Block()
	if db == ub && index(db, def) < index(ub, use) && !reaches(db, db) {
		return firstCallOrAlloc(db.Instrs[index(db, def)+1 : index(ub, use)])
	}
	if x := firstCallOrAlloc(db.Instrs[index(db, def)+1:]); x != nil {
		return x
	}
	if x := firstCallOrAlloc(ub.Instrs[:index(ub, use)]); x != nil {
		return x
	}
	// Blocks strictly between: reachable from def's successors and reaching use's block.
	for _, b := range db.Parent().Blocks {
		if b != db && b != ub && reaches(db, b) && reaches(b, ub) {
			if x := firstCallOrAlloc(b.Instrs); x != nil {
				return x
			}
		}
	}
	return nil
}

// firstCallOrAlloc returns the first instruction of instrs that calls a
// function or allocates on the heap: where the collector may run.
func firstCallOrAlloc(instrs []ssa.Instruction) ssa.Instruction {
	for _, instr := range instrs {
		switch i := instr.(type) {
		case ssa.CallInstruction:
			if b, builtin := i.Common().Value.(*ssa.Builtin); builtin && b.Name() != "append" {
				continue
			}
			return instr
		case *ssa.Alloc:
			if i.Heap {
				return instr
			}
		case *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeClosure:
			return instr
		}
	}
	return nil
}

func index(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return len(b.Instrs)
}

// reaches reports whether to is reachable from from's successors.
func reaches(from, to *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), from.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == to {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}

func basicKind(t types.Type) types.BasicKind {
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Kind()
	}
	return types.Invalid
}

func typesFunc(fn *ssa.Function) *types.Func {
	f, _ := fn.Object().(*types.Func)
	return f
}

// calleeName names the function a call calls, as users write it: C.malloc
// for cgo's _CMalloc, C.f for _Cfunc_f, syscall.Syscall.
func calleeName(call ssa.CallInstruction) string {
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
	if p := pkgOf(fn); p != nil {
		return p.Name() + "." + fn.Name()
	}
	return fn.Name()
}

// pkgOf returns the package that declares fn, or nil for a synthetic
// function of none. A method of an imported type that the SSA builder made
// on demand has no ssa.Package, but its object has a package.
func pkgOf(fn *ssa.Function) *types.Package {
	if obj := fn.Object(); obj != nil {
		return obj.Pkg()
	}
	if fn.Pkg != nil {
		return fn.Pkg.Pkg
	}
	return nil
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

// valueName names a value for a message: its source name, or "the buffer".
func (c *checker) valueName(v ssa.Value) string {
	if name := c.res.NameOr(lockregion.Key{Root: v}, ""); name != "" {
		return name
	}
	return "the buffer"
}
