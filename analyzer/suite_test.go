package analyzer_test

import (
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/buflint/buflint/analyzer"
	"github.com/buflint/buflint/analyzer/suppress"
	"github.com/buflint/buflint/internal/bufltest"
)

// TestSuppressibleChecks keeps the checks a directive may name in step with
// the suite: every check but ignores itself.
func TestSuppressibleChecks(t *testing.T) {
	var names []string
	for _, a := range analyzer.Suite {
		if a.Name != "ignores" {
			names = append(names, a.Name)
		}
	}
	if !slices.Equal(names, suppress.Checks) {
		t.Errorf("suite checks %v, suppress.Checks %v", names, suppress.Checks)
	}
}

// TestSuiteConcurrently runs the suite the way drivers do, with the checks
// sharing one lockregion result in parallel, over the bundled examples. Under
// -race it fails if any check mutates what they share.
func TestSuiteConcurrently(t *testing.T) {
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax | packages.NeedModule,
		Dir:  filepath.Join(bufltest.ModuleRoot(t), "testdata", "examples"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading the examples: %v", err)
	}
	graph, err := checker.Analyze(analyzer.Suite, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		n += len(act.Diagnostics)
		// Every finding shows both ends: where it is, and where the lock or
		// view was released (or the alias taken, the view created...).
		for _, d := range act.Diagnostics {
			if len(d.Related) == 0 {
				t.Errorf("%s: no related information on %q", act.Analyzer.Name, d.Message)
			}
		}
	}
	if n == 0 {
		t.Error("no diagnostics on the examples: the suite did not run")
	}
}
