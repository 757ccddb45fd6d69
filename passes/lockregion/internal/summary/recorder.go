package summary

import (
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// Recorder is every fact a package's analysis imports, cached, and every
// fact it exports, recorded. All of lockregion's fact traffic goes through
// it, so that what an analysis depends on is known: a replayed analysis
// asks only what the first one asked, and a variant of the package with
// the same syntax can reuse the first analysis when its imports answer
// the same (package reuse). Its caches are exported for that package.
type Recorder struct {
	pass *analysis.Pass
	// Lock caches the lock facts of imported functions (nil: none).
	Lock map[*types.Func]*facts.LockFact
	// ArgFacts caches, per imported package, whether it may export facts
	// about what functions do to their arguments (HasArgFacts).
	ArgFacts map[*types.Package]bool
	// HasLock caches, per imported package, whether it exports lock facts
	// that make importers relevant (HasLockFacts).
	HasLock map[*types.Package]bool
	// Guards caches the guards of imported fields (nil: not guarded).
	Guards map[*types.Var]*facts.GuardFact
	// Sealed is set once lockregion's run is over: a replayed analysis
	// asks only what the first one asked, and may import nothing.
	Sealed bool
	// Exports are the facts the run exported, in order.
	Exports []Exported
}

// Exported is one fact a run exported: of Obj, or of the package when Obj
// is nil.
type Exported struct {
	Obj  types.Object
	Fact analysis.Fact
}

// NewRecorder returns an empty recorder for pass.
func NewRecorder(pass *analysis.Pass) *Recorder {
	return &Recorder{
		pass:     pass,
		Lock:     map[*types.Func]*facts.LockFact{},
		ArgFacts: map[*types.Package]bool{},
		HasLock:  map[*types.Package]bool{},
		Guards:   map[*types.Var]*facts.GuardFact{},
	}
}

// LockFact returns the lock fact of the imported function obj, or nil.
func (c *Recorder) LockFact(obj *types.Func) *facts.LockFact {
	return importObjectFact(c, c.Lock, obj)
}

// Guard returns the guard of the imported field v, or nil.
func (c *Recorder) Guard(v *types.Var) *facts.GuardFact {
	return importObjectFact(c, c.Guards, v)
}

// MayHaveArgFacts reports whether pkg exports facts of functions that reuse
// or keep an argument: only then are its functions' facts worth looking up
// for the alias checks of a package that has no other use for them.
func (c *Recorder) MayHaveArgFacts(pkg *types.Package) bool {
	if pkg == nil {
		return false // error.Error
	}
	return importPackageFact[facts.HasArgFacts](c, c.ArgFacts, pkg)
}

// HasLockFacts reports whether the imported package pkg exports HasLockFacts.
func (c *Recorder) HasLockFacts(pkg *types.Package) bool {
	return importPackageFact[facts.HasLockFacts](c, c.HasLock, pkg)
}

// importObjectFact returns obj's fact of type F, imported the first time
// and cached in cache (nil: none).
func importObjectFact[O interface {
	types.Object
	comparable
}, F any, PF interface {
	*F
	analysis.Fact
}](c *Recorder, cache map[O]*F, obj O) *F {
	if f, ok := cache[obj]; ok {
		return f
	}
	var f *F
	if fact := PF(new(F)); !c.Sealed && c.pass.ImportObjectFact(obj, fact) {
		f = fact
	}
	cache[obj] = f
	return f
}

// importPackageFact reports whether pkg has the package fact F, imported
// the first time and cached in cache.
func importPackageFact[F any, PF interface {
	*F
	analysis.Fact
}](c *Recorder, cache map[*types.Package]bool, pkg *types.Package) bool {
	if has, ok := cache[pkg]; ok {
		return has
	}
	has := !c.Sealed && c.pass.ImportPackageFact(pkg, PF(new(F)))
	cache[pkg] = has
	return has
}

// ExportObject exports fact for obj, an object of the pass's package.
func (c *Recorder) ExportObject(obj types.Object, fact analysis.Fact) {
	c.pass.ExportObjectFact(obj, fact)
	c.Exports = append(c.Exports, Exported{obj, fact})
}

// ExportPackage exports fact for the pass's package.
func (c *Recorder) ExportPackage(fact analysis.Fact) {
	c.pass.ExportPackageFact(fact)
	c.Exports = append(c.Exports, Exported{nil, fact})
}
