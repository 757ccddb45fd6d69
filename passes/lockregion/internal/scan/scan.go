// Package scan is lockregion's first layer: it reads a package's syntax
// and types, once, before any SSA is built, and decides from declarations
// alone everything that can be decided there: the candidate guards of
// fields, the annotations of functions, what each function body does to
// buffers reached from its parameters, which functions may let an alias
// or an address escape, and whether the package can matter at all.
// Verdicts that also depend on the imports' facts ask a FactSource.
package scan

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// A FactSource answers the questions about imported packages that some
// verdicts need. lockregion's recorder answers them, and remembers them.
type FactSource interface {
	LockFact(*types.Func) *facts.LockFact
	MayHaveArgFacts(*types.Package) bool
	HasLockFacts(*types.Package) bool
}

// Package is what a package's declarations say.
type Package struct {
	// Guards are the candidate guards of the fields of the package's
	// struct types.
	Guards map[*types.Var]*facts.GuardFact
	// Annots are the annotations of the package's functions and interface
	// methods.
	Annots map[*types.Func]*facts.FuncAnnots
	// Bad are the annotations that name no lock or no parameter: of
	// fields, then of functions, then //buflint:retains ones.
	Bad   []facts.BadAnnotation
	funcs []*Func // the function declarations with a body, in source order
	// varFuncs are the function literals of package-level variables'
	// initializers (var marshal = func(...) {...}, a map or struct of
	// them), each as a declaration named after its variable: go/ssa makes
	// them functions of the package initializer, always built.
	varFuncs []*Func
	pkg      *types.Package
	byObj    map[*types.Func]*Func
	helped   *helpers // computed on first use
	s        *scanner // reads bodies when a verdict first needs them
	read     int      // funcs[:read] have their bodies read
	// unsafeMaybe is set when the package imports unsafe, reflect or a
	// system package: only then can a body hold an unsafe shape.
	unsafeMaybe bool
	atomic      map[*types.Var]bool // fields handed to sync/atomic functions
	inPlace     map[*types.Var]bool // fields whose own value some body changes (s.n++)
	// structWritten are the struct types some body writes a field of
	// through a pointer (e.n++ for e of type *entry): the entries of
	// guarded storage whose fields may be the storage's guard's.
	structWritten map[types.Type]bool
	// holdsSlice are the []byte fields some body stores a producer's
	// slice into (d.msg = line, line from d.br.ReadSlice): a function that
	// returns one returns that slice.
	holdsSlice map[*types.Var]bool
	// fieldLits are the function literals stored into each func-typed
	// field, and fieldStorers the functions that store them.
	fieldLits    map[*types.Var][]*ast.FuncLit
	fieldStorers map[*types.Var][]*Func
	// touchedOutside are the fields some body touches where their lock
	// looks released (markTouchedOutside).
	touchedOutside map[*types.Var]bool
	writtenLocked  map[*types.Var]bool // written where a Lock of its lock's name comes last before
	touchedIn      map[*types.Var]int  // how many bodies touch it
	// groupDeclared are the fields a declaration for a whole group covers
	// ("mu guards the following").
	groupDeclared map[*types.Var]bool
	// groupOf is the group of fields a lock heads that each field is in.
	groupOf map[*types.Var]lockGroup
	// rwFields are the fields of structs with read-write locks, and
	// readLocked those some body changes holding one only for reading
	// (readlocked.go).
	rwFields   map[*types.Var]rwField
	readLocked map[*types.Var]rwLock
}

// scanner holds what one walk collects.
type scanner struct {
	fset    *token.FileSet
	info    *types.Info
	pkg     *types.Package
	out     *Package
	retains map[*types.Func][]facts.ParamRetain
	// the bad annotations, by kind, in the order the messages keep
	badFields, badFuncs []facts.BadAnnotation
	badRetains          []sequenced
	// seq numbers the declarations of all files in order, for badRetains,
	// found in two passes but reported in declaration order.
	seq int
	// allowedForm are the conversions to uintptr written where the unsafe
	// rules allow them; see markAllowedForm.
	allowedForm map[*ast.CallExpr]bool
	holds       map[types.Type]bool // holdsBytes, per type
}

// sequenced is a bad annotation and the number of its declaration.
type sequenced struct {
	seq int
	bad facts.BadAnnotation
}

// Scan reads pass's files: first the type and other declarations (guards,
// interface annotations), then every function declaration's doc comment.
// Bodies are read when a verdict first needs them, each once: most
// packages need only their exported functions' (ArgFactDecls).
func Scan(pass *analysis.Pass) *Package {
	s := &scanner{fset: pass.Fset, info: pass.TypesInfo, pkg: pass.Pkg,
		out: &Package{Guards: map[*types.Var]*facts.GuardFact{}, Annots: map[*types.Func]*facts.FuncAnnots{},
			pkg: pass.Pkg, byObj: map[*types.Func]*Func{}, atomic: map[*types.Var]bool{}, inPlace: map[*types.Var]bool{}, structWritten: map[types.Type]bool{}, holdsSlice: map[*types.Var]bool{},
			fieldLits: map[*types.Var][]*ast.FuncLit{}, fieldStorers: map[*types.Var][]*Func{},
			touchedOutside: map[*types.Var]bool{}, writtenLocked: map[*types.Var]bool{}, touchedIn: map[*types.Var]int{},
			groupOf: map[*types.Var]lockGroup{}, groupDeclared: map[*types.Var]bool{},
			rwFields: map[*types.Var]rwField{}, readLocked: map[*types.Var]rwLock{}},
		retains: map[*types.Func][]facts.ParamRetain{}, holds: map[types.Type]bool{}}
	s.out.s = s
	for _, imp := range pass.Pkg.Imports() {
		switch path := imp.Path(); {
		case path == "unsafe", path == "reflect", bufmodel.IsSystemPackage(path):
			s.out.unsafeMaybe = !bufmodel.IsCollectorPackage(pass.Pkg.Path())
		}
	}
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if gd, ok := d.(*ast.GenDecl); ok {
				s.readGenDecl(gd)
			}
			s.seq++
		}
	}
	// Functions come second: their bodies are read knowing every candidate
	// guard.
	s.seq = 0
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				s.readFuncDecl(fd)
			}
			s.seq++
		}
	}
	for fn, rs := range s.retains {
		if s.out.Annots[fn] == nil {
			s.out.Annots[fn] = &facts.FuncAnnots{}
		}
		s.out.Annots[fn].Retains = rs
	}
	s.out.pruneUnchanged()
	slices.SortStableFunc(s.badRetains, func(a, b sequenced) int { return a.seq - b.seq })
	s.out.Bad = append(s.badFields, s.badFuncs...)
	for _, b := range s.badRetains {
		s.out.Bad = append(s.out.Bad, b.bad)
	}
	return s.out
}

// readGenDecl reads the struct types of a type declaration for guards,
// and interface methods for //buflint:retains.
func (s *scanner) readGenDecl(gd *ast.GenDecl) {
	s.declaredStructs(gd, s.structGuards)
	s.readVarFuncs(gd)
	ast.Inspect(gd, func(n ast.Node) bool {
		if it, ok := n.(*ast.InterfaceType); ok {
			for _, m := range it.Methods.List {
				if len(m.Names) == 1 {
					s.readRetains(m.Doc, m.Names[0])
				}
			}
		}
		return true
	})
}

// readFuncDecl reads a function declaration's annotations and body.
func (s *scanner) readFuncDecl(fd *ast.FuncDecl) {
	obj, ok := s.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return
	}
	s.readLockAnnots(fd.Doc, obj)
	s.readRetains(fd.Doc, fd.Name)
	if fd.Body == nil {
		return
	}
	fn := &Func{Decl: fd, Obj: obj}
	s.out.funcs = append(s.out.funcs, fn)
	s.out.byObj[obj] = fn
}

// readVarFuncs records the function literals of a package-level var
// declaration's initializers.
func (s *scanner) readVarFuncs(gd *ast.GenDecl) {
	if gd.Tok != token.VAR {
		return
	}
	for _, spec := range gd.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok || len(vs.Names) == 0 {
			continue
		}
		for _, v := range vs.Values {
			ast.Inspect(v, func(n ast.Node) bool {
				lit, ok := n.(*ast.FuncLit)
				if !ok {
					return true
				}
				decl := &ast.FuncDecl{Name: vs.Names[0], Type: lit.Type, Body: lit.Body}
				s.out.varFuncs = append(s.out.varFuncs, &Func{Decl: decl})
				return false // its own literals are read with it
			})
		}
	}
}

// Funcs returns the function declarations with a body, in source order,
// with their bodies read.
func (p *Package) Funcs() []*Func {
	for ; p.read < len(p.funcs); p.read++ {
		p.s.readBody(p.funcs[p.read], p.unsafeMaybe)
	}
	return p.funcs
}

// lockGroup names the group of fields a lock heads: the struct, and the
// lock's index in it.
type lockGroup struct {
	str  *types.Struct
	lock int
}

// Published reports whether field v is in the group of a lock that also
// holds a field handed to sync/atomic functions: a plain field accessed
// both atomically and under the lock is how double-checked locking
// publishes the group (its other fields are read lock-free once it says
// they are set). A field of an atomic type is a counter or a flag of its
// own more often.
func (p *Package) Published(v *types.Var) bool {
	g, ok := p.groupOf[v.Origin()]
	if !ok {
		return false
	}
	p.Funcs()
	for i := range g.str.NumFields() {
		w := g.str.Field(i)
		if p.groupOf[w] == g && p.atomic[w] {
			return true
		}
	}
	return false
}

// Atomic reports whether the package hands the address of field v to a
// sync/atomic function: it is accessed lock-free by design.
func (p *Package) Atomic(v *types.Var) bool {
	p.Funcs()
	return p.atomic[v.Origin()]
}

// exported returns the exported function declarations with a body, with
// their bodies read.
func (p *Package) exported() []*Func {
	var out []*Func
	for _, fn := range p.funcs {
		if fn.Decl.Name.IsExported() {
			p.s.readBody(fn, p.unsafeMaybe)
			out = append(out, fn)
		}
	}
	return out
}

// Decl returns the declaration of the package's function obj, or nil.
func (p *Package) Decl(obj *types.Func) *ast.FuncDecl {
	if fn := p.byObj[obj]; fn != nil {
		return fn.Decl
	}
	return nil
}

// pruneUnchanged drops the candidate guards of fields that are not buffers,
// and that no annotation declares, when no body of the package changes
// the field's own value (s.n++, append), or, for the convention and use,
// shows the shape a finding needs (lockedValueShape): without them most
// packages with a mutex need no SSA. Their bodies are read for it only
// when there are such candidates.
func (p *Package) pruneUnchanged() {
	maybe := len(p.rwFields) > 0
	for v, g := range p.Guards {
		maybe = maybe || (g.How != facts.ByAnnotation && !bufmodel.IsBufferType(v.Type()))
	}
	if !maybe {
		return
	}
	p.Funcs()
	defer p.proposeReadLocked()
	for v, g := range p.Guards {
		if g.How == facts.ByAnnotation || bufmodel.IsBufferType(v.Type()) {
			continue
		}
		// A comment on the field or the lock that names it: the field
		// changed in place, or the entries it holds.
		keep := p.inPlace[v] || p.structWritten[entryStruct(v.Type())]
		if g.How != facts.ByComment || p.groupDeclared[v] {
			// The convention, use, or a declaration for a whole group:
			// most structs with a mutex have such fields, and only these
			// shapes can make a finding of them.
			keep = p.lockedValueShape(v) && (g.How != facts.ByComment && bufmodel.IsScalar(v.Type()) || p.inPlace[v])
		}
		if !keep {
			delete(p.Guards, v)
		}
	}
}

// entryStruct returns the struct type of the entries a field of type t
// holds: the element of a map, a slice or an array of pointers to
// structs, or what a pointer field points to; nil otherwise.
func entryStruct(t types.Type) types.Type {
	switch u := t.Underlying().(type) {
	case *types.Map:
		t = u.Elem()
	case *types.Slice:
		t = u.Elem()
	case *types.Array:
		t = u.Elem()
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		if _, ok := p.Elem().Underlying().(*types.Struct); ok {
			return p.Elem()
		}
	}
	return nil
}
