package scan

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// Func is what the syntax of one function declaration with a body shows,
// read in one walk of the body (its function literals included).
type Func struct {
	Decl *ast.FuncDecl
	Obj  *types.Func
	// bodyRead is set once the fields below were read from the body.
	bodyRead bool
	// keptCandidates are the expressions of the body whose value is kept
	// beyond it (stored through a field, an element or a global, a
	// composite literal's elements, arguments to the package's functions),
	// looked at for a conversion to uintptr once the walk knows there is
	// one; dropped after.
	keptCandidates []ast.Expr
	// produced are the variables the body assigns a producer's slice to
	// (line, err := br.ReadSlice('\n')), while it is read.
	produced map[types.Object]bool
	// feeds are the functions of the package it calls with a producer's
	// slice as an argument (decode(s.Bytes()), decode(line)): if one
	// returns what holds it, the result is an alias.
	feeds []*types.Func
	// returnsFields are the []byte fields, reached from a parameter, the
	// body returns (return d.msg): the function produces a slice if some
	// body stores a producer's slice into one (Package.holdsSlice).
	returnsFields []*types.Var
	// fieldCalls are the calls it makes through func-typed fields.
	fieldCalls []fieldCall
	// flowCalls are the functions of the package it hands values derived
	// from its parameters (its receiver aside) to (paramFlow), and
	// storesFlow is set when it stores such a value through a field, an
	// element or a pointer; both read by readFlowBody, when flowRead.
	flowCalls  []*types.Func
	storesFlow bool
	flowRead   bool
	// givesBytes is set when it gives byte storage back to a pool
	// (pool.Put(&buf), pool.Put(b[:0])).
	givesBytes bool

	// arg is what it does to buffers reached from its parameters through
	// any field; argExported through exported fields only, which are the
	// only ones an importer can hold a slice of.
	arg, argExported argUse
	alias            aliasShapes
	unsafe           unsafeShapes
	// locks are the lock operations and candidate fields the body names,
	// while it is read (markTouchedOutside).
	locks lockShape
	// MentionsCandidate is set when the body names a field with a
	// candidate guard.
	MentionsCandidate bool
	// MayFailOnNil is set when the body tests a parameter against nil and
	// the branch where it is not nil calls a function that never returns
	// (if err != nil { t.Fatalf(...) }): a helper that may return only
	// when its argument is nil, whose SSA the callers' solving reads.
	MayFailOnNil bool
	// Named are the functions and methods the body names, each once, in
	// order of first mention.
	Named []*types.Func
}

// argUse is what a body does to buffers reached from its parameters.
type argUse struct {
	// reuses: it resets, reads into or puts back a buffer reached from a
	// parameter (the receiver included).
	reuses bool
	// keeps: it stores a byte slice or buffer parameter into memory
	// reached from another parameter, or into a global.
	keeps bool
	// produces: it returns a slice, and takes one of a buffer reached from
	// a parameter (Peek, Bytes).
	produces bool
	// gives: it gives an object reached from a parameter back to a pool.
	gives bool
	// passes: it puts a byte slice parameter in a composite literal, a
	// field or a result: what it returns may hold the caller's slice.
	passes bool
	// calls are the functions of the package it calls with an argument
	// reached from a parameter.
	calls []*types.Func
}

// aliasShapes are the shapes that let an alias outlive its buffer.
type aliasShapes struct {
	handsOff bool // a send or a go statement
	makes    bool // make([]byte, n): a scratch buffer
	bufParam bool // a parameter that can alias a buffer: the caller's storage
	// usedAfter are the functions it calls (not deferred) with a variable
	// as an argument or receiver that the body names again after the
	// call: if the call gives it back to a pool, what follows uses it.
	usedAfter map[*types.Func]bool
	// byteFields are the []byte fields the body reads or writes: one that
	// holds a producer's slice (Package.holdsSlice) makes the body a
	// producer's user.
	byteFields []*types.Var
}

// unsafeShapes are the shapes of references the collector does not see.
type unsafeShapes struct {
	goAddress bool // &x, &x.f, &s[i], unsafe.SliceData(s), unsafe.StringData(s), reflect.ValueOf(s)
	toUintptr bool // uintptr(unsafe.Pointer(p)), v.Pointer(), kept beyond the expression
	// toUintptrHere is a conversion in a form the unsafe rules allow where
	// it is written: in a system call's argument list, or converted back to
	// a pointer in the same expression.
	toUintptrHere bool
	fromUintptr   bool // unsafe.Pointer(u), a uintptr handed to a system call
	header        bool // a reflect header used
	callsC        bool // a cgo call
	// storesPointer is a pointer assigned through a field, an element or
	// a dereference: where a Go pointer may go into C memory.
	storesPointer bool
	// handsParam is a parameter that may carry an address
	// (bufmodel.MayCarryAddress) handed, as it is or converted, to a
	// system call or a C function, or a uintptr parameter converted back
	// to a pointer: the function's fact will say it uses it as an address.
	handsParam bool
	// paramTo are the other functions it hands such a parameter to: it
	// uses the parameter as an address if they do.
	paramTo []*types.Func
	// keepsAddress is a conversion to uintptr stored into a field, an
	// element or a global, or passed to a function that is not the
	// system's: what other functions may follow as an address.
	keepsAddress bool
}

// params are a function's parameters, as the body walk needs them.
type params struct {
	all  map[types.Object]bool // receiver included
	bufs map[types.Object]bool // parameters that can alias a buffer
	// returnsSlice is set when a result is a byte slice.
	returnsSlice bool
	results      bool // the function has results
}

// readBody walks fn's body once and records every shape of it; the
// unsafe shapes only with unsafeMaybe.
func (s *scanner) readBody(fn *Func, unsafeMaybe bool) {
	if fn.bodyRead {
		return
	}
	fn.bodyRead = true
	ps := s.paramsOf(fn.Decl)
	fn.alias.bufParam = ps != nil && len(ps.bufs) > 0
	named := map[*types.Func]bool{}
	deferred := map[*ast.CallExpr]bool{}
	var vars varUses
	ast.Inspect(fn.Decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeferStmt:
			deferred[n.Call] = true
		case *ast.Ident:
			s.readIdent(fn, n, named)
			vars.use(s.info, n)
		case *ast.AssignStmt:
			s.readProduced(fn, n)
			s.readWrite(fn, n.Lhs...)
			s.readAssign(fn, n, ps)
			if unsafeMaybe {
				fn.keptCandidates = append(fn.keptCandidates, s.storedValues(fn, n)...)
			}
			s.readInPlace(n)
			s.readFieldStore(fn, n)
		case *ast.IncDecStmt:
			s.readWrite(fn, n.X)
			s.markInPlace(n.X)
		case *ast.CallExpr:
			s.readCall(fn, n, ps, unsafeMaybe)
			s.readFieldCall(fn, n, ps)
			s.readLockOp(fn, n, deferred[n])
			if !deferred[n] {
				vars.call(s.info, n)
			}
		case *ast.IfStmt:
			fn.MayFailOnNil = fn.MayFailOnNil || s.failsOnNil(n, ps)
		case *ast.GoStmt:
			fn.alias.handsOff = true
			deferred[n.Call] = true // runs later, elsewhere
		case *ast.SendStmt:
			fn.alias.handsOff = true
		case *ast.UnaryExpr:
			if unsafeMaybe {
				s.readAddress(fn, n)
			}
		case *ast.ReturnStmt:
			fn.arg.passes = fn.arg.passes || s.passesParam(ps, n.Results...)
			fn.returnsFields = append(fn.returnsFields, s.returnedFields(ps, n.Results)...)
		case *ast.CompositeLit:
			s.readFieldStore(fn, n)
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				fn.arg.passes = fn.arg.passes || s.passesParam(ps, e)
			}
			if unsafeMaybe {
				fn.unsafe.header = fn.unsafe.header || bufmodel.IsHeaderType(s.info.TypeOf(n))
				fn.keptCandidates = append(fn.keptCandidates, n.Elts...)
			}
		case *ast.SelectorExpr:
			s.readFieldUse(fn, n)
			if v, ok := s.info.Uses[n.Sel].(*types.Var); ok && v.IsField() && bufmodel.IsByteSlice(v.Type()) && !slices.Contains(fn.alias.byteFields, v) {
				fn.alias.byteFields = append(fn.alias.byteFields, v)
			}
			if !unsafeMaybe {
				break
			}
			if t := s.info.TypeOf(n.X); t != nil {
				if p, ok := t.Underlying().(*types.Pointer); ok {
					t = p.Elem()
				}
				fn.unsafe.header = fn.unsafe.header || bufmodel.IsHeaderType(t)
			}
		}
		return true
	})
	fn.alias.usedAfter = vars.usedAfter()
	s.out.markTouchedOutside(fn)
	fn.locks = lockShape{}
	if fn.unsafe.toUintptr {
		for _, e := range fn.keptCandidates {
			if s.convertsToUintptr(e) {
				fn.unsafe.keepsAddress = true
				break
			}
		}
	}
	fn.keptCandidates, fn.produced = nil, nil
}

// paramsOf returns fd's parameters; nil when it has none, so that nothing
// is said of arguments.
func (s *scanner) paramsOf(fd *ast.FuncDecl) *params {
	ps := &params{all: map[types.Object]bool{}, bufs: map[types.Object]bool{}}
	for _, fl := range []*ast.FieldList{fd.Recv, fd.Type.Params} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				obj := s.info.Defs[n]
				if obj == nil {
					continue
				}
				ps.all[obj] = true
				if fl == fd.Type.Params && bufmodel.IsBufferType(obj.Type()) {
					ps.bufs[obj] = true
				}
			}
		}
	}
	if len(ps.all) == 0 {
		return nil
	}
	if res := fd.Type.Results; res != nil {
		ps.results = len(res.List) > 0
		for _, f := range res.List {
			if t := s.info.TypeOf(f.Type); t != nil && bufmodel.IsByteSlice(t) {
				ps.returnsSlice = true
			}
		}
	}
	return ps
}

// reached reports whether e is reached from a parameter: the parameter,
// or a field (exported, with exported) or element of it.
func (s *scanner) reached(ps *params, e ast.Expr, exported bool) bool {
	var ok func(*ast.SelectorExpr) bool
	if exported {
		ok = func(x *ast.SelectorExpr) bool { return x.Sel.IsExported() }
	}
	id := rootIdentVia(e, ok)
	return id != nil && ps.all[s.info.Uses[id]]
}

// readIdent records a function the body names, and a candidate field.
func (s *scanner) readIdent(fn *Func, id *ast.Ident, named map[*types.Func]bool) {
	switch o := s.info.Uses[id].(type) {
	case *types.Var:
		if o.IsField() && s.out.Guards[o.Origin()] != nil {
			fn.MentionsCandidate = true
		}
	case *types.Func:
		if !named[o] {
			named[o] = true
			fn.Named = append(fn.Named, o)
		}
	}
}

// readAssign records a buffer parameter kept where it outlives the call.
func (s *scanner) readAssign(fn *Func, n *ast.AssignStmt, ps *params) {
	if ps == nil || len(n.Lhs) != len(n.Rhs) {
		return
	}
	for i, lhs := range n.Lhs {
		rhs := ast.Unparen(n.Rhs[i])
		if sl, ok := rhs.(*ast.SliceExpr); ok {
			rhs = sl.X
		}
		id, ok := ast.Unparen(rhs).(*ast.Ident)
		if !ok || !ps.bufs[s.info.Uses[id]] {
			continue
		}
		keeps := false
		switch l := ast.Unparen(lhs).(type) {
		case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
			keeps = s.reached(ps, l, false)
		case *ast.Ident:
			v, ok := s.info.Uses[l].(*types.Var)
			keeps = ok && v.Parent() == s.pkg.Scope()
		}
		if _, field := ast.Unparen(lhs).(*ast.SelectorExpr); field && !keeps {
			fn.arg.passes = fn.arg.passes || s.passesParam(ps, n.Rhs[i]) // obj.body = b
		}
		fn.arg.keeps = fn.arg.keeps || keeps
		fn.argExported.keeps = fn.argExported.keeps || keeps
	}
}

// readCall records what a call does to buffers reached from parameters,
// a make of a scratch buffer, and the unsafe shapes of a call.
func (s *scanner) readCall(fn *Func, n *ast.CallExpr, ps *params, unsafeMaybe bool) {
	if unsafeMaybe {
		s.readUnsafeCall(fn, n)
		s.readParamArgs(fn, n, ps)
		if f, ok := typeutil.Callee(s.info, n).(*types.Func); ok && f.Pkg() == s.pkg {
			fn.keptCandidates = append(fn.keptCandidates, n.Args...)
		}
	}
	if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "make" && len(n.Args) > 0 {
		if t := s.info.TypeOf(n.Args[0]); t != nil && bufmodel.IsByteSlice(t) {
			fn.alias.makes = true
		}
	}
	f, ok := typeutil.Callee(s.info, n).(*types.Func)
	if ok && bufmodel.IsAtomicFunc(f) {
		s.readAtomic(n)
	}
	if ok && f.Pkg() == s.pkg && slices.ContainsFunc(n.Args, func(e ast.Expr) bool { return s.producerSlice(fn, e) }) {
		fn.feeds = append(fn.feeds, f.Origin())
	}
	if ps == nil || !ok {
		return
	}
	var subjects []ast.Expr
	if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && f.Type().(*types.Signature).Recv() != nil {
		subjects = append(subjects, sel.X)
	}
	// reuse and produce record, in both modes, what reaching e means.
	reuse := func(e ast.Expr) {
		fn.arg.reuses = fn.arg.reuses || s.reached(ps, e, false)
		fn.argExported.reuses = fn.argExported.reuses || s.reached(ps, e, true)
	}
	produce := func(e ast.Expr) {
		fn.arg.produces = fn.arg.produces || s.reached(ps, e, false)
		fn.argExported.produces = fn.argExported.produces || s.reached(ps, e, true)
	}
	if r, ok := bufmodel.Lookup(f); ok {
		if r.GivesAway() && len(n.Args) > 0 {
			fn.arg.gives = fn.arg.gives || s.reached(ps, n.Args[0], false)
			fn.givesBytes = fn.givesBytes || byteStorage(s.info.TypeOf(n.Args[0]))
		}
		if Producer(f) && ps.returnsSlice && r.On == bufmodel.OnData && len(subjects) > 0 {
			produce(subjects[0])
		}
		if !r.Effect.Has(bufmodel.Reuse) {
			return
		}
		switch {
		case r.On == bufmodel.OnArg && len(n.Args) > 0:
			reuse(n.Args[0])
		case r.On == bufmodel.OnData && len(subjects) > 0:
			reuse(subjects[0])
		}
		return
	}
	if i, ok := bufmodel.FilledArg(f); ok && i < len(n.Args) {
		reuse(n.Args[i])
		return
	}
	if f.Pkg() == s.pkg {
		for _, a := range append(subjects, n.Args...) {
			if s.reached(ps, a, false) {
				fn.arg.calls = append(fn.arg.calls, f.Origin())
				break
			}
		}
	}
}

// readAtomic records the fields whose address a sync/atomic function is
// handed: they are accessed lock-free by design.
func (s *scanner) readAtomic(n *ast.CallExpr) {
	for _, a := range n.Args {
		if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
			if sel, ok := ast.Unparen(u.X).(*ast.SelectorExpr); ok {
				if v, ok := s.info.Uses[sel.Sel].(*types.Var); ok && v.IsField() {
					s.out.atomic[v.Origin()] = true
				}
			}
		}
	}
}

// rootIdentVia returns the variable an expression such as b, &s.buf or
// *p.b starts from, asking ok of each selector on the way; nil when one
// is refused, or when e starts from no variable.
func rootIdentVia(e ast.Expr, ok func(*ast.SelectorExpr) bool) *ast.Ident {
	for e != nil {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			if ok != nil && !ok(x) {
				return nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		default:
			return nil
		}
	}
	return nil
}

// readInPlace records the fields whose own value an assignment changes:
// x.f += k, x.f = append(x.f, ...), x.f = x.f[i:]. Only such a field,
// when it is not a buffer, can have its guard inferred (summary.confirm).
func (s *scanner) readInPlace(n *ast.AssignStmt) {
	if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
		for _, lhs := range n.Lhs {
			s.markInPlace(lhs) // +=, |=, ...
		}
		return
	}
	if len(n.Lhs) != len(n.Rhs) {
		return
	}
	for i, lhs := range n.Lhs {
		s.markPointee(lhs)
		v := s.fieldOf(lhs)
		if v == nil {
			continue
		}
		if _, element := ast.Unparen(lhs).(*ast.IndexExpr); element {
			s.out.inPlace[v] = true // x.f[i] = v
			continue
		}
		var base ast.Expr
		switch r := ast.Unparen(n.Rhs[i]).(type) {
		case *ast.CallExpr:
			if id, ok := ast.Unparen(r.Fun).(*ast.Ident); ok && id.Name == "append" && len(r.Args) > 0 {
				base = r.Args[0]
			}
		case *ast.SliceExpr:
			base = r.X
		case *ast.BinaryExpr:
			if s.fieldOf(r.X) == v || s.fieldOf(r.Y) == v {
				s.out.inPlace[v] = true
			}
		}
		if base != nil && s.fieldOf(base) == v {
			s.out.inPlace[v] = true
		}
	}
}

// markInPlace records the field e selects, if any, as changed in place.
func (s *scanner) markInPlace(e ast.Expr) {
	s.markPointee(e)
	if v := s.fieldOf(e); v != nil {
		s.out.inPlace[v] = true
	}
}

// markPointee records the struct type of an object whose field e writes
// through a pointer (e.n = v, x.cur.n = v): it may be an entry of guarded
// storage, or what a guarded pointer field points to.
func (s *scanner) markPointee(e ast.Expr) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return
	}
	if p, ok := s.info.TypeOf(sel.X).(*types.Pointer); ok {
		if _, ok := p.Elem().Underlying().(*types.Struct); ok {
			s.out.structWritten[p.Elem()] = true // e.n = v: an entry of some storage, maybe
		}
	}

}

// fieldOf returns the struct field e selects (x.f, or x.f[i] of an array
// or slice field), or nil.
func (s *scanner) fieldOf(e ast.Expr) *types.Var {
	e = ast.Unparen(e)
	if ix, ok := e.(*ast.IndexExpr); ok {
		e = ast.Unparen(ix.X)
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if v, ok := s.info.Uses[sel.Sel].(*types.Var); ok && v.IsField() {
		return v.Origin()
	}
	return nil
}

// failsOnNil reports whether n tests a parameter against nil (p != nil)
// and its branch calls a function that never returns, or panics.
func (s *scanner) failsOnNil(n *ast.IfStmt, ps *params) bool {
	if ps == nil {
		return false
	}
	cond, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ {
		return false
	}
	id, ok := ast.Unparen(cond.X).(*ast.Ident)
	if !ok || !ps.all[s.info.Uses[id]] {
		return false
	}
	if tv, ok := s.info.Types[cond.Y]; !ok || !tv.IsNil() {
		return false
	}
	for _, st := range n.Body.List {
		es, ok := st.(*ast.ExprStmt)
		if !ok {
			continue
		}
		call, ok := ast.Unparen(es.X).(*ast.CallExpr)
		if !ok {
			continue
		}
		switch f := typeutil.Callee(s.info, call).(type) {
		case *types.Func:
			if bufmodel.NoReturnFunc(f) {
				return true
			}
		case *types.Builtin:
			if f.Name() == "panic" {
				return true
			}
		}
	}
	return false
}
