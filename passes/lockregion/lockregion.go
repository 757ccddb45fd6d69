package lockregion

import (
	_ "embed"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/internal/checkdoc"
	"github.com/buflint/buflint/passes/lockregion/internal/reuse"
	"github.com/buflint/buflint/passes/lockregion/internal/summary"
)

//go:embed doc.go
var doc string

// Analyzer computes, for every function of a package, where each guard is
// held or released. It reports nothing itself.
var Analyzer = &analysis.Analyzer{
	Name:       "lockregion",
	Doc:        checkdoc.MustExtract(doc, "lockregion"),
	URL:        "https://github.com/buflint/buflint/tree/main/passes/lockregion",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(LockFact), new(HasLockFacts), new(HasArgFacts), new(GuardFact)},
	// No Requires: buildssa would build SSA for every package the driver
	// visits. lockregion builds it only for packages that can matter.
}

// run reuses the analysis of another variant of the package when it can,
// and otherwise analyzes the package; either way it remembers the
// outcome for the variants to come.
func run(pass *analysis.Pass) (any, error) {
	// A variant of a package being analyzed waits for that analysis, which
	// it can then reuse, rather than repeat it alongside.
	done := reuse.Claim(pass)
	defer done()
	if rec, out, ok := reuse.Reuse(pass); ok {
		return reusedResult(pass, rec, out), nil
	}
	rec := summary.NewRecorder(pass)
	res, out := analyzePass(pass, rec)
	reuse.Remember(pass, rec, out)
	return res, nil
}
