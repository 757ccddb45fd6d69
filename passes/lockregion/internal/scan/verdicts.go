package scan

import (
	"go/ast"
	"go/types"
	"maps"
	"slices"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// Relevance says whether a package must be analyzed as it is compiled,
// and why.
type Relevance struct {
	Relevant bool
	Why      string
}

// Relevant decides, from declarations, the import list and the imports'
// package facts, whether the package can hold a finding about a lock: it
// declares a candidate guard or an annotated function, or imports the
// buffer package or a package that exports lock facts. The buffer package
// itself implements the protocol and is never relevant.
func (p *Package) Relevant(src FactSource) Relevance {
	switch {
	case bufmodel.IsBufferPackage(p.pkg):
		return Relevance{Why: "it is the buffer package"}
	case len(p.Guards) > 0:
		return Relevance{true, "it declares candidate guarded fields"}
	case len(p.Annots) > 0:
		return Relevance{true, "it has annotated functions"}
	}
	for _, imp := range p.pkg.Imports() {
		if bufmodel.IsBufferPackage(imp) {
			return Relevance{true, "it imports the buffer package"}
		}
		if src.HasLockFacts(imp) {
			return Relevance{true, "it imports " + imp.Path() + ", which exports lock facts"}
		}
	}
	return Relevance{Why: "no guard, annotation or lock fact"}
}

// helpers are the argument uses of the package's function declarations,
// with reuse made transitive through the calls that pass a parameter's
// buffer on.
type helpers struct {
	reuses, keeps, produces, gives, passes map[*types.Func]bool
	calls                                  map[*types.Func][]*types.Func
	fed                                    map[*types.Func]bool // called with a producer's slice
	// viaFields are, for a function that calls through a func field
	// whose literal reuses a buffer, the functions that store the
	// literals: their SSA says what the call does.
	viaFields map[*types.Func][]*Func
}

func (p *Package) helpers() *helpers {
	if p.helped != nil {
		return p.helped
	}
	h := &helpers{reuses: map[*types.Func]bool{}, keeps: map[*types.Func]bool{}, produces: map[*types.Func]bool{},
		gives: map[*types.Func]bool{}, passes: map[*types.Func]bool{}, calls: map[*types.Func][]*types.Func{},
		fed: map[*types.Func]bool{}}
	callers := map[*types.Func][]*types.Func{}
	for _, fn := range p.Funcs() {
		h.calls[fn.Obj] = fn.arg.calls
		h.keeps[fn.Obj], h.produces[fn.Obj] = fn.arg.keeps, fn.arg.produces || slices.ContainsFunc(fn.returnsFields, func(v *types.Var) bool { return p.holdsSlice[v] })
		h.reuses[fn.Obj], h.gives[fn.Obj] = fn.arg.reuses, fn.arg.gives
		h.passes[fn.Obj] = fn.arg.passes
		for _, f := range fn.feeds {
			h.fed[f] = true
		}
		for _, c := range fn.arg.calls {
			callers[c] = append(callers[c], fn.Obj)
		}
	}
	spreadToCallers(h.reuses, callers)
	spreadToCallers(h.gives, callers)
	p.throughFields(h, callers)
	p.helped = h
	return h
}

// throughFields marks the functions that call through a func field some
// literal of the package reuses a buffer in (Close calling m.release):
// they reuse what the field's object holds, and they need the SSA of the
// functions that store the literals.
func (p *Package) throughFields(h *helpers, callers map[*types.Func][]*types.Func) {
	if len(p.fieldLits) == 0 {
		return
	}
	reusing := p.reusingFields(h.reuses)
	h.viaFields = map[*types.Func][]*Func{}
	changed := false
	for _, fn := range p.funcs {
		for _, c := range fn.fieldCalls {
			if !reusing[c.field] {
				continue
			}
			h.viaFields[fn.Obj] = append(h.viaFields[fn.Obj], p.fieldStorers[c.field]...)
			if c.reached && !h.reuses[fn.Obj] {
				h.reuses[fn.Obj], changed = true, true
			}
		}
	}
	if changed {
		spreadToCallers(h.reuses, callers)
	}
}

// storerDecls returns the declarations of the functions that store the
// literals fn calls through fields (helpers.viaFields).
func (h *helpers) storerDecls(fn *types.Func) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, s := range h.viaFields[fn] {
		if !slices.Contains(out, s.Decl) {
			out = append(out, s.Decl)
		}
	}
	return out
}

// spreadToCallers sets has for every function that passes a parameter's
// buffer on to one that has it: reuse and giving back are transitive.
func spreadToCallers(has map[*types.Func]bool, callers map[*types.Func][]*types.Func) {
	var work []*types.Func
	for fn, ok := range has {
		if ok {
			work = append(work, fn)
		}
	}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, c := range callers[fn] {
			if !has[c] {
				has[c] = true
				work = append(work, c)
			}
		}
	}
}

// Reach returns the declarations, among called and the functions they
// call with a parameter's buffer, of those that reuse or keep one, return
// a slice of it, or return what holds a byte slice they were given: their
// bodies are what their facts come from.
func (p *Package) Reach(called []*types.Func) []*ast.FuncDecl {
	h := p.helpers()
	called = slices.Clone(called) // a work list: the caller's slice stays as it was
	seen := map[*types.Func]bool{}
	// fed: called with a producer's slice, or with the parameter of a
	// function that was; only there can what holds the slice matter.
	fed := maps.Clone(h.fed)
	var out []*ast.FuncDecl
	for len(called) > 0 {
		fn := called[len(called)-1]
		called = called[:len(called)-1]
		passes := h.passes[fn] && fed[fn]
		if seen[fn] || !(h.reuses[fn] || h.keeps[fn] || h.produces[fn] || passes) {
			continue
		}
		seen[fn] = true
		if fd := p.Decl(fn); fd != nil {
			out = append(out, fd)
		}
		out = append(out, h.storerDecls(fn)...)
		for _, c := range h.calls[fn] {
			fed[c] = fed[c] || passes
		}
		called = append(called, h.calls[fn]...)
	}
	return out
}

// ArgFactDecls returns the exported functions and methods of the package
// whose facts importers can use: they reuse a buffer the caller can hold
// a slice of (reached from a parameter through exported fields, or
// through any field when the package hands out slices of buffers behind
// unexported ones: wrapperDecls), or keep a byte slice or buffer
// parameter, or return a slice of a buffer reached from one.
func (p *Package) ArgFactDecls(src FactSource) []*ast.FuncDecl {
	out := p.addressFactDecls(src)
	var mayWrap bool
	for _, fn := range p.exported() {
		if IsModelled(fn.Obj) || Filler(fn.Obj) {
			// The model says what it does: a row (bytes.Buffer's own
			// methods), or every Read method fills its argument.
			continue
		}
		if u := fn.argExported; u.reuses || u.keeps || u.produces {
			out = append(out, fn.Decl)
		}
		mayWrap = mayWrap || fn.arg.produces && !fn.argExported.produces || len(fn.returnsFields) > 0
	}
	if mayWrap && p.usesProducer(src) {
		// Only a producer's slice stored into a field makes one hold it.
		out = append(out, p.wrapperDecls(out)...)
	}
	return out
}

// wrapperDecls returns, for a package whose exported functions return a
// slice of a buffer behind unexported fields (a decoder's Msg returning
// what Next stored from its reader's ReadSlice), those functions, the
// exported ones that reuse or give away a buffer reached from a
// parameter through any field (Next, a Close that puts it), and the
// functions that store a producer's slice into a field (their bodies say
// what the field holds): importers hold the slices, so the reuses concern
// them. Nothing when no exported function returns such a slice. Those in
// have are left out.
func (p *Package) wrapperDecls(have []*ast.FuncDecl) []*ast.FuncDecl {
	h := p.helpers() // reads every body: the stores into fields may be anywhere
	wraps := false
	for _, fn := range p.exported() {
		wraps = wraps || !IsModelled(fn.Obj) && h.produces[fn.Obj]
	}
	if !wraps {
		return nil
	}
	var out []*ast.FuncDecl
	for _, fn := range p.Funcs() {
		if slices.Contains(have, fn.Decl) || IsModelled(fn.Obj) || Filler(fn.Obj) {
			continue
		}
		exported := fn.Decl.Name.IsExported()
		stores := slices.ContainsFunc(fn.alias.byteFields, func(v *types.Var) bool { return p.holdsSlice[v] })
		if exported && (h.produces[fn.Obj] || h.reuses[fn.Obj]) || stores {
			out = append(out, fn.Decl)
		}
	}
	return out
}

// addressFactDecls returns the functions of the package whose facts may
// say they use a parameter as an address (dataflow's ParamAddresses): as
// their syntax tells, they hand a parameter that may carry an address to
// a system call or a C function, or convert a uintptr parameter back to a
// pointer, or hand one to a function of the package that does, or to an
// imported one whose fact says it does. An exported one's fact tells
// importers that their Go addresses in its arguments reach the system.
func (p *Package) addressFactDecls(src FactSource) []*ast.FuncDecl {
	if !p.unsafeMaybe {
		return nil
	}
	hands := map[*types.Func]bool{}
	for changed := true; changed; {
		changed = false
		for _, fn := range p.Funcs() {
			if hands[fn.Obj] {
				continue
			}
			h := fn.unsafe.handsParam
			for _, f := range fn.unsafe.paramTo {
				if f.Pkg() == p.pkg {
					h = h || hands[f]
				} else if fact := p.argFact(src, f); fact != nil {
					h = h || len(fact.Addresses) > 0
				}
			}
			if h {
				hands[fn.Obj], changed = true, true
			}
		}
	}
	var out []*ast.FuncDecl
	exported := false
	for _, fn := range p.Funcs() {
		if hands[fn.Obj] && !UnsafeExempt(fn.Decl) {
			out = append(out, fn.Decl)
			exported = exported || fn.Decl.Name.IsExported()
		}
	}
	if !exported {
		return nil // only importers need the facts; the package's own checks derive them
	}
	return out
}

// AliasFuncs returns the function declarations where an alias of an
// ordinary buffer can outlive what keeps it valid: they use an API that
// produces one (bytes.Buffer.Bytes, bufio.Reader.Peek, sync.Pool.Get...)
// together with one that reuses or releases (Write, Reset, Put, Unlock, a
// defer), or hand data to another goroutine (a send, a go statement) next
// to a producer or a call that fills a slice (r.Read(buf)); then the
// functions of the package they call whose facts say what they do to an
// argument. A package whose bodies name no producer and no filler has
// none. The facts of imported helpers are looked up now: a package
// analyzed on demand may import no fact later.
func (p *Package) AliasFuncs(src FactSource) []*ast.FuncDecl {
	if !p.usesProducer(src) {
		return append(p.lendingIOMethods(), p.ioKeepers()...)
	}
	h := p.helpers()
	var out []*ast.FuncDecl
	var called []*types.Func // functions of the package the functions of out call
	for _, fn := range append(slices.Clip(p.Funcs()), p.varFuncBodies()...) {
		var produces, fills, reuses, gives bool
		var local []*types.Func
		// A field that holds a producer's slice (d.msg) is one too.
		produces = slices.ContainsFunc(fn.alias.byteFields, func(v *types.Var) bool { return p.holdsSlice[v] })
		for _, f := range fn.Named {
			produces = produces || Producer(f)
			fills = fills || Filler(f)
			if r, ok := bufmodel.Lookup(f); ok {
				reuses = reuses || r.Effect&(bufmodel.Reuse|bufmodel.Append|bufmodel.Consume) != 0
				gives = gives || r.GivesAway() && fn.alias.usedAfter[f.Origin()]
				continue
			}
			// A helper that may reuse its argument (putBuf(b), fill(r,
			// buf)), give it back to a pool, or return a slice of it
			// (peek(r)): of this package, or with a fact that says so.
			if f.Pkg() == p.pkg {
				local = append(local, f.Origin())
				if h.reuses[f.Origin()] {
					reuses, fills = true, true
				}
				produces = produces || h.produces[f.Origin()]
				gives = gives || h.gives[f.Origin()] && fn.alias.usedAfter[f.Origin()]
			} else if fact := p.argFact(src, f); fact != nil {
				if len(fact.Reuses) > 0 {
					reuses, fills = true, true
				}
				produces = produces || fact.Produces != nil
				gives = gives || givesAway(fact) && fn.alias.usedAfter[f.Origin()]
			}
		}
		// (Aliases of guarded data, which a release kills, are the
		// business of packages with candidate guards, relevant anyway.)
		// A function that hands its caller's buffer to a goroutine or a
		// channel may return while it is still in use (borrowed).
		// An object given back to a pool is dead from there on, whatever
		// made it (thanos' BucketedBytes.Put reads cap(*b) after it): a
		// function that names it again after the Put.
		// A call through a field whose literal reuses a buffer.
		reuses = reuses || len(h.viaFields[fn.Obj]) > 0
		a := fn.alias
		if (produces && (reuses || a.handsOff)) || (fills && a.makes && a.handsOff) || (a.handsOff && a.bufParam) || gives {
			out = append(out, fn.Decl)
			out = append(out, h.storerDecls(fn.Obj)...)
			called = append(called, local...)
		}
	}
	// A Close that gives a field's object back to a pool may leave it
	// there for a second Close to give back again.
	// A method that gives back to a pool what a field of its receiver
	// still holds (a slice of its cache's buffer) hands out memory in
	// use. It gives away, itself or through a helper of the package or an
	// imported one whose fact says so (pooldep.Put(m.buf)); the functions
	// of the package it calls say where what it gives comes from
	// (mb.bytesPending() returns a slice of mb.cache.buf).
	for _, fn := range p.funcs {
		if fn.Decl.Recv == nil || slices.Contains(out, fn.Decl) {
			continue
		}
		// A Close that gives anything away; any other method that gives
		// byte storage away (pool.Put(&buf), recycle(p []byte)).
		closer := fn.Decl.Name.Name == "Close"
		gives := fn.givesBytes || closer && h.gives[fn.Obj] || slices.ContainsFunc(fn.Named, func(f *types.Func) bool {
			if f.Pkg() == p.pkg {
				g := p.byObj[f.Origin()]
				return g != nil && (g.givesBytes || closer && h.gives[f.Origin()])
			}
			return (closer || firstParamBytes(f)) && givesAway(p.argFact(src, f))
		})
		if !gives {
			continue
		}
		out = append(out, fn.Decl)
		for _, f := range fn.Named {
			// The helpers that give away (their facts) and those that
			// return a byte slice (of a field, maybe) are the ones read.
			if d := p.Decl(f.Origin()); d != nil && f.Pkg() == p.pkg && (h.gives[f.Origin()] || returnsByteSlice(f)) {
				out = append(out, d)
				called = append(called, f.Origin())
			}
		}
	}
	out = append(out, p.Reach(called)...)
	return append(out, p.ioKeepers()...)
}

// varFuncBodies returns the function literals of package-level variables,
// with their bodies read.
func (p *Package) varFuncBodies() []*Func {
	for _, fn := range p.varFuncs {
		p.s.readBody(fn, p.unsafeMaybe)
	}
	return p.varFuncs
}

// UnsafeFuncs returns the function declarations where a reference into
// Go data can escape the garbage collector, as their syntax tells: they
// take the address of Go data and hand it to C (it may hold Go
// pointers), or convert it to a uintptr kept beyond the expression (a
// conversion in a system call's argument list, or converted back in the
// same expression, is the form the unsafe rules allow), or
// store a pointer through a field or an element in a package that calls
// C (it may be C memory), or use a reflect header. When one of those keeps
// a uintptr in a field or hands it to a function of the package, the
// functions that use a uintptr as an address or hand addresses to the
// system or to C are added; when one stores a pointer where C memory may
// be, the functions that call C. A package that does not import unsafe,
// reflect or a system package has none. The facts of the imported
// functions the makers call are looked up now (a function that hands its
// argument to the system): a package analyzed on demand may import no
// fact later.
func (p *Package) UnsafeFuncs(src FactSource) []*ast.FuncDecl {
	if !p.unsafeMaybe {
		return nil
	}
	cgo := false // the package calls C: any Go address may be stored into C memory
	for _, fn := range p.Funcs() {
		cgo = cgo || fn.unsafe.callsC
	}
	var makers, users, handers, cCallers []*ast.FuncDecl
	keeps, cgoStores := false, false
	for _, fn := range p.Funcs() {
		if UnsafeExempt(fn.Decl) {
			continue // its author declares its pointer arithmetic exempt
		}
		switch sc := fn.unsafe; {
		case sc.header || (sc.goAddress && (sc.toUintptr || sc.callsC || cgo && sc.storesPointer)):
			makers = append(makers, fn.Decl)
			for _, f := range fn.Named {
				p.argFact(src, f)
			}
			keeps = keeps || sc.keepsAddress
			cgoStores = cgoStores || cgo && sc.storesPointer
		case sc.fromUintptr:
			users = append(users, fn.Decl)
		case sc.toUintptrHere || sc.callsC:
			handers = append(handers, fn.Decl)
		}
		if fn.unsafe.callsC {
			cCallers = append(cCallers, fn.Decl)
		}
	}
	if keeps {
		// A uintptr kept in a field or handed to a wrapper: the functions
		// that use one as an address, and those that hand addresses to the
		// system or to C (the types whose integer fields are followed).
		makers = append(makers, users...)
		makers = append(makers, handers...)
	} else if cgoStores {
		// A pointer stored where C memory may be: the functions that may
		// keep C memory in the fields it is reached through.
		makers = append(makers, cCallers...)
	}
	return makers
}

// IsModelled reports whether the model has a row for fn with an effect on
// guards or guarded data. Joins and functions that never return matter
// only next to such effects, in functions kept for them.
func IsModelled(fn *types.Func) bool {
	r, ok := bufmodel.Lookup(fn)
	return ok && r.Effect&^(bufmodel.Join|bufmodel.NoReturn) != 0
}

// Producer reports whether fn returns an alias of ordinary data: a slice
// of a buffer's storage, or a pooled object.
func Producer(fn *types.Func) bool {
	r, ok := bufmodel.Lookup(fn)
	return ok && r.Effect.Has(bufmodel.Produce) && r.Pin != bufmodel.PinGuard && r.Pin != bufmodel.PinHandle
}

// Filler reports whether fn writes into a byte slice it is handed.
func Filler(fn *types.Func) bool {
	_, ok := bufmodel.FilledArg(fn)
	return ok
}

// usesProducer reports whether the package names a function that produces
// an alias of ordinary data, fills a slice it is handed, or gives an
// object back to a pool (directly, or as an imported helper's fact
// says): a look at the objects it uses, so that most packages read no
// body for AliasFuncs.
func (p *Package) usesProducer(src FactSource) bool {
	for _, obj := range p.s.info.Uses {
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		if r, ok := bufmodel.Lookup(fn); Producer(fn) || Filler(fn) || ok && r.GivesAway() {
			return true
		}
		// An imported helper whose fact says it returns a slice of an
		// argument's buffer (a wrapper's Msg) or gives an argument back to
		// a pool.
		if fact := p.argFact(src, fn); fact != nil && (fact.Produces != nil || givesAway(fact)) {
			return true
		}
	}
	return false
}

// argFact returns the fact of f, a function of another package, when its
// package may export facts about arguments.
func (p *Package) argFact(src FactSource, f *types.Func) *facts.LockFact {
	if f.Pkg() == nil || f.Pkg() == p.pkg || !src.MayHaveArgFacts(f.Pkg()) {
		return nil
	}
	return src.LockFact(f.Origin())
}

// givesAway reports whether a fact says the function gives an argument
// itself back to a pool.
func givesAway(fact *facts.LockFact) bool {
	if fact == nil {
		return false
	}
	for _, r := range fact.Reuses {
		if r.GivesAway && len(r.Path) == 0 {
			return true
		}
	}
	return false
}

// lendingIOMethods returns the Read, ReadAt, Write and WriteAt methods of
// a package that names no producer and no filler, when they hand their
// slice to a goroutine or a channel, themselves or through a function of
// the package they call that hands a slice parameter on (returned with
// them): they may return while it is still in use (unpinned/borrowed).
func (p *Package) lendingIOMethods() []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, fn := range p.funcs {
		if !isIOMethodDecl(fn.Decl) {
			continue
		}
		if p.lends(fn) {
			out = append(out, fn.Decl)
			continue
		}
		if !fn.alias.bufParam {
			continue
		}
		// A helper of the package that does it for the method (yamux's
		// waitForSendErr queues the body to the send loop, and returns on
		// a timeout): its fact says it keeps the slice.
		for _, f := range fn.Named {
			if g := p.byObj[f.Origin()]; g != nil && g != fn && p.lends(g) {
				out = append(out, fn.Decl, g.Decl)
				break
			}
		}
	}
	return out
}

// lends reports whether fn's body hands a slice parameter to a goroutine
// or a channel.
func (p *Package) lends(fn *Func) bool {
	p.s.readBody(fn, p.unsafeMaybe)
	return fn.alias.handsOff && fn.alias.bufParam
}

// UnsafeExempt reports whether the unsafe rules do not apply to a function
// declaration: its author declares it //go:nocheckptr.
func UnsafeExempt(decl *ast.FuncDecl) bool {
	return bufmodel.HasDirective(decl, bufmodel.NoCheckptrDirective)
}

// KeepsArgsAlive reports whether a function declaration is
// //go:uintptrescapes: the compiler keeps pointers converted in its
// argument lists alive for the call, as for a system call.
func KeepsArgsAlive(decl *ast.FuncDecl) bool {
	return bufmodel.HasDirective(decl, bufmodel.UintptrEscapesDirective)
}

// returnsByteSlice reports whether f's first result is a byte slice.
func returnsByteSlice(f *types.Func) bool {
	res := f.Type().(*types.Signature).Results()
	return res.Len() > 0 && bufmodel.IsByteSlice(res.At(0).Type())
}

// firstParamBytes reports whether f's first parameter is byte storage.
func firstParamBytes(f *types.Func) bool {
	ps := f.Type().(*types.Signature).Params()
	return ps.Len() > 0 && byteStorage(ps.At(0).Type())
}

// byteStorage reports whether t is a byte slice or a pointer to one.
func byteStorage(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return bufmodel.IsByteSlice(t)
}
