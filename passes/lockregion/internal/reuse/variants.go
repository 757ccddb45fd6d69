// Package reuse is lockregion's last layer: it lets a package variant
// reuse the first analysis of the same syntax when its imports answer
// every fact question the same way, and holds each analysis weakly until
// the checks read it (Pinned), replaying it if it was collected.
package reuse

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"weak"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/buflint/buflint/passes/lockregion/internal/facts"
	"github.com/buflint/buflint/passes/lockregion/internal/summary"
)

// A driver that loads tests type-checks a package once per test binary
// that depends on it: testing is checked again for each package of the
// standard library that testing imports and that has tests, net/http for
// each of its dependencies' tests. These variants share their syntax (the
// loader parses each file once) and differ only in their imports, which
// include the test files of the package under test. lockregion's analysis
// of a package depends on its syntax, on the facts it imports, and on the
// imports' declarations its syntax names, which are the same source in
// every variant (a test file can add declarations, which the package's
// syntax cannot name). So a variant whose imports answer every question
// the first analysis asked the same way would compute the same facts: it
// exports those, and is analyzed again only if a check asks.

// variants holds, per package path and set of syntax trees, the first
// analysis made of it (a *variant). The trees are held weakly, and an
// entry goes with them: a long-running driver that loads again gets new
// trees, never an analysis of old ones at a reused address.
var variants sync.Map // variantKey -> *variant

type variantKey struct {
	path  string
	first weak.Pointer[ast.File]
}

// variantsReused counts the variants that reused an analysis.
var variantsReused atomic.Int64

// Reused returns how many variants reused an analysis so far.
func Reused() int64 { return variantsReused.Load() }

// Kind says how a package's analysis left it.
type Kind int

const (
	Skipped  Kind = iota // nothing to check
	OnDemand             // analyzed when a check asks
	Analyzed             // analyzed as it is compiled, facts exported
)

// Outcome is how a package's analysis left it, for the variants that may
// reuse it.
type Outcome struct {
	Kind Kind
	// Guards are the package's confirmed guards, for Analyzed.
	Guards map[*types.Var]*facts.GuardFact
	// Bad are the annotations that name nothing.
	Bad []facts.BadAnnotation
}

// variant is what a package's first analysis asked and exported, with
// objects of that analysis's types, and how it left the package.
type variant struct {
	Outcome
	files    []weak.Pointer[ast.File]
	pkg      *types.Package
	imported *summary.Recorder // a copy, taken when the run was over
	once     sync.Once
	enc      *encodedVariant // nil when some object has no path
}

// encodedVariant is a variant's questions, exports and guards with each
// object named by its package path and object path, so that they can be
// found among another variant's types.
type encodedVariant struct {
	lock     []answer[*facts.LockFact]
	guards   []answer[*facts.GuardFact]
	argFacts map[string]bool // per package path
	hasLock  map[string]bool
	exports  []answer[analysis.Fact]    // a package fact when ref.pkg is ""
	own      []answer[*facts.GuardFact] // the confirmed guards
}

type answer[F any] struct {
	ref  objRef
	fact F
}

// objRef names an object across variants: an object of the package
// itself by the position of its declaration, which the variants share;
// one of another package by its object path. Objects without a package
// (error.Error) are the same in every variant and kept as they are.
type objRef struct {
	own      token.Pos
	pkg      string
	path     objectpath.Path
	universe types.Object
}

func variantKeyOf(pass *analysis.Pass) (variantKey, []weak.Pointer[ast.File]) {
	files := make([]weak.Pointer[ast.File], len(pass.Files))
	for i, f := range pass.Files {
		files[i] = weak.Make(f)
	}
	return variantKey{pass.Pkg.Path(), files[0]}, files
}

// inFlight holds, per package path and first syntax tree, a channel
// closed when the analysis that claimed it is remembered.
var inFlight sync.Map // variantKey -> chan struct{}

// Claim is called before a package is analyzed. When another variant with
// the same syntax is being analyzed, it waits for that analysis to be
// remembered, so that Reuse can find it: the driver starts variants as
// soon as their imports are done, often side by side, and each would
// otherwise analyze the package anew. Otherwise pass claims its key; the
// function returned releases it once pass's analysis is remembered (or
// at once, for a variant that waited). No variant waits on another it
// depends on: variants of one package never import each other.
func Claim(pass *analysis.Pass) (done func()) {
	if len(pass.Files) == 0 {
		return func() {}
	}
	key, _ := variantKeyOf(pass)
	ch := make(chan struct{})
	if other, loaded := inFlight.LoadOrStore(key, ch); loaded {
		<-other.(chan struct{})
		return func() {}
	}
	return func() {
		inFlight.Delete(key)
		close(ch)
	}
}

// Remember records pass's analysis for the variants that may come: the
// questions rec answered, the facts it exported, and out.
func Remember(pass *analysis.Pass, rec *summary.Recorder, out Outcome) {
	if len(pass.Files) == 0 {
		return
	}
	c := &summary.Recorder{
		Lock:     maps.Clone(rec.Lock),
		ArgFacts: maps.Clone(rec.ArgFacts),
		HasLock:  maps.Clone(rec.HasLock),
		Guards:   maps.Clone(rec.Guards),
		Exports:  rec.Exports,
	}
	key, files := variantKeyOf(pass)
	v := &variant{Outcome: out, files: files, pkg: pass.Pkg, imported: c}
	if _, loaded := variants.LoadOrStore(key, v); !loaded {
		runtime.AddCleanup(pass.Files[0], func(k variantKey) { variants.CompareAndDelete(k, v) }, key)
	}
}

// Reuse looks for an earlier analysis of another variant of pass's
// package, with the same syntax, whose questions pass's imports answer
// the same way. When there is one, it exports that analysis's facts for
// pass's objects, and returns a sealed recorder with its answers and the
// outcome, with the guards found among pass's objects.
func Reuse(pass *analysis.Pass) (*summary.Recorder, Outcome, bool) {
	if len(pass.Files) == 0 {
		return nil, Outcome{}, false // unsafe: nothing to reuse, and no syntax to tell loads apart
	}
	key, files := variantKeyOf(pass)
	v, ok := variants.Load(key)
	if !ok {
		return nil, Outcome{}, false
	}
	first := v.(*variant)
	if !slices.Equal(first.files, files) {
		return nil, Outcome{}, false
	}
	first.once.Do(first.encode)
	if first.enc == nil {
		return nil, Outcome{}, false
	}
	rec, guards, ok := first.enc.decode(pass)
	if !ok {
		return nil, Outcome{}, false
	}
	for _, x := range rec.Exports {
		if x.Obj == nil {
			pass.ExportPackageFact(x.Fact)
		} else {
			pass.ExportObjectFact(x.Obj, x.Fact)
		}
	}
	rec.Sealed = true
	variantsReused.Add(1)
	return rec, Outcome{Kind: first.Kind, Guards: guards, Bad: first.Bad}, true
}

// encode names the variant's objects by path; enc stays nil if one has
// none.
func (v *variant) encode() {
	var e objectpath.Encoder
	ok := true
	ref := func(obj types.Object) objRef {
		switch obj.Pkg() {
		case nil:
			return objRef{universe: obj}
		case v.pkg:
			return objRef{own: obj.Pos()}
		}
		p, err := e.For(obj)
		if err != nil {
			ok = false
		}
		return objRef{pkg: obj.Pkg().Path(), path: p}
	}
	c := v.imported
	enc := &encodedVariant{argFacts: map[string]bool{}, hasLock: map[string]bool{}}
	for obj, f := range c.Lock {
		enc.lock = append(enc.lock, answer[*facts.LockFact]{ref(obj), f})
	}
	for obj, g := range c.Guards {
		enc.guards = append(enc.guards, answer[*facts.GuardFact]{ref(obj), g})
	}
	for p, has := range c.ArgFacts {
		enc.argFacts[p.Path()] = has
	}
	for p, has := range c.HasLock {
		enc.hasLock[p.Path()] = has
	}
	for _, x := range c.Exports {
		r := objRef{}
		if x.Obj != nil {
			r = ref(x.Obj)
		}
		enc.exports = append(enc.exports, answer[analysis.Fact]{r, x.Fact})
	}
	for obj, g := range v.Guards {
		enc.own = append(enc.own, answer[*facts.GuardFact]{ref(obj), g})
	}
	if ok {
		v.enc = enc
	}
}

// decode finds the variant's objects among pass's types and asks pass's
// imports each question the variant asked. When all answer the same, it
// returns the facts cache of pass's analysis, with the exports to make,
// and the confirmed guards of its fields.
func (enc *encodedVariant) decode(pass *analysis.Pass) (*summary.Recorder, map[*types.Var]*facts.GuardFact, bool) {
	pkgs := map[string]*types.Package{}
	var walk func(*types.Package)
	walk = func(p *types.Package) {
		if pkgs[p.Path()] == nil {
			pkgs[p.Path()] = p
			for _, imp := range p.Imports() {
				walk(imp)
			}
		}
	}
	walk(pass.Pkg)
	var own map[token.Pos]types.Object
	ok := true
	find := func(r objRef) types.Object {
		if r.universe != nil {
			return r.universe
		}
		if r.own.IsValid() {
			if own == nil {
				own = map[token.Pos]types.Object{}
				for id, obj := range pass.TypesInfo.Defs {
					if obj != nil {
						own[id.Pos()] = obj
					}
				}
			}
			obj := own[r.own]
			ok = ok && obj != nil
			return obj
		}
		p := pkgs[r.pkg]
		if p == nil {
			ok = false
			return nil
		}
		obj, err := objectpath.Object(p, r.path)
		if err != nil {
			ok = false
		}
		return obj
	}
	c := summary.NewRecorder(pass)
	for _, a := range enc.lock {
		fn, isFunc := find(a.ref).(*types.Func)
		if !ok || !isFunc || !sameFact(a.fact, c.LockFact(fn)) {
			return nil, nil, false
		}
	}
	for _, a := range enc.guards {
		v, isVar := find(a.ref).(*types.Var)
		if !ok || !isVar || !sameFact(a.fact, c.Guard(v)) {
			return nil, nil, false
		}
	}
	for path, has := range enc.argFacts {
		if p := pkgs[path]; p == nil || c.MayHaveArgFacts(p) != has {
			return nil, nil, false
		}
	}
	for path, has := range enc.hasLock {
		if p := pkgs[path]; p == nil || c.HasLockFacts(p) != has {
			return nil, nil, false
		}
	}
	for _, a := range enc.exports {
		var obj types.Object
		if a.ref != (objRef{}) {
			if obj = find(a.ref); !ok || obj.Pkg() != pass.Pkg {
				return nil, nil, false
			}
		}
		c.Exports = append(c.Exports, summary.Exported{Obj: obj, Fact: a.fact})
	}
	guards := map[*types.Var]*facts.GuardFact{}
	for _, a := range enc.own {
		v, isVar := find(a.ref).(*types.Var)
		if !ok || !isVar {
			return nil, nil, false
		}
		guards[v] = a.fact
	}
	return c, guards, true
}

// sameFact reports whether two facts, either possibly nil, say the same.
func sameFact[F any](a, b *F) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return reflect.DeepEqual(*a, *b)
}
