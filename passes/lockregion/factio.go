package lockregion

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// importedFacts is every fact a package's analysis imports, cached, and
// every fact it exports, recorded. All of lockregion's fact traffic goes
// through it, so that what an analysis depends on is known: a replayed
// analysis asks only what the first one asked, and a variant of the
// package with the same syntax can reuse the first analysis when its
// imports answer the same (see variants.go).
type importedFacts struct {
	pass *analysis.Pass
	lock map[*types.Func]*LockFact
	// argFacts caches, per imported package, whether it may export facts
	// about what functions do to their arguments (HasArgFacts).
	argFacts map[*types.Package]bool
	// hasLock caches, per imported package, whether it exports lock facts
	// that make importers relevant (HasLockFacts).
	hasLock map[*types.Package]bool
	// guards caches the guards of imported fields (nil: not guarded).
	guards map[*types.Var]*GuardFact
	// sealed is set once lockregion's run is over: a replayed analysis
	// asks only what the first one asked, and may import nothing.
	sealed bool
	// exports are the facts the run exported, in order.
	exports []exportedFact
}

// exportedFact is one fact a run exported: of obj, or of the package when
// obj is nil.
type exportedFact struct {
	obj  types.Object
	fact analysis.Fact
}

func newImportedFacts(pass *analysis.Pass) *importedFacts {
	return &importedFacts{
		pass:     pass,
		lock:     map[*types.Func]*LockFact{},
		argFacts: map[*types.Package]bool{},
		hasLock:  map[*types.Package]bool{},
		guards:   map[*types.Var]*GuardFact{},
	}
}

// LockFact returns the lock fact of the imported function obj, or nil.
func (c *importedFacts) LockFact(obj *types.Func) *LockFact {
	return importObjectFact(c, c.pass, c.lock, obj)
}

// guard returns the guard of the imported field v, or nil.
func (c *importedFacts) guard(v *types.Var) *GuardFact {
	return importObjectFact(c, c.pass, c.guards, v)
}

// MayHaveArgFacts reports whether pkg exports facts of functions that reuse
// or keep an argument: only then are its functions' facts worth looking up
// for the alias checks of a package that has no other use for them.
func (c *importedFacts) MayHaveArgFacts(pkg *types.Package) bool {
	if pkg == nil {
		return false // error.Error
	}
	return importPackageFact[HasArgFacts](c, c.pass, c.argFacts, pkg)
}

// HasLockFacts reports whether the imported package pkg exports HasLockFacts.
func (c *importedFacts) HasLockFacts(pkg *types.Package) bool {
	return importPackageFact[HasLockFacts](c, c.pass, c.hasLock, pkg)
}

// importObjectFact returns obj's fact of type F, imported the first time
// and cached in cache (nil: none).
func importObjectFact[O interface {
	types.Object
	comparable
}, F any, PF interface {
	*F
	analysis.Fact
}](c *importedFacts, pass *analysis.Pass, cache map[O]*F, obj O) *F {
	if f, ok := cache[obj]; ok {
		return f
	}
	var f *F
	if fact := PF(new(F)); !c.sealed && pass.ImportObjectFact(obj, fact) {
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
}](c *importedFacts, pass *analysis.Pass, cache map[*types.Package]bool, pkg *types.Package) bool {
	if has, ok := cache[pkg]; ok {
		return has
	}
	has := !c.sealed && pass.ImportPackageFact(pkg, PF(new(F)))
	cache[pkg] = has
	return has
}

// exportObject exports fact for obj, an object of pass's package.
func (c *importedFacts) exportObject(obj types.Object, fact analysis.Fact) {
	c.pass.ExportObjectFact(obj, fact)
	c.exports = append(c.exports, exportedFact{obj, fact})
}

// exportPackage exports fact for pass's package.
func (c *importedFacts) exportPackage(fact analysis.Fact) {
	c.pass.ExportPackageFact(fact)
	c.exports = append(c.exports, exportedFact{nil, fact})
}
