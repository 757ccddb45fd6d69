package analyzer_test

import (
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/buflint/buflint/analyzer"
	"github.com/buflint/buflint/analyzer/rules"
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

// TestRuleNames keeps the rules registry in step with the suite: the same
// checks, in the same order.
func TestRuleNames(t *testing.T) {
	var suite, registry []string
	for _, a := range analyzer.Suite {
		suite = append(suite, a.Name)
	}
	for _, c := range rules.Checks {
		registry = append(registry, c.Name)
	}
	if !slices.Equal(suite, registry) {
		t.Errorf("suite %v, rules.Checks %v", suite, registry)
	}
}

// TestCategories checks that every finding on the bundled examples and the
// validation scenarios carries a rule id of its own check as its Category.
func TestCategories(t *testing.T) {
	seen := map[string]bool{}
	for _, dir := range []string{"examples", "scenarios"} {
		for act := range analyze(t, dir).All() {
			for _, d := range act.Diagnostics {
				if _, ok := rules.Lookup(d.Category); !ok {
					t.Errorf("%s: %q has category %q, not a rule id", act.Analyzer.Name, d.Message, d.Category)
				}
				if rules.CheckOf(d.Category) != act.Analyzer.Name && d.Category != rules.IgnoresStale {
					t.Errorf("%s reports %q under another check's rule %q", act.Analyzer.Name, d.Message, d.Category)
				}
				seen[d.Category] = true
			}
		}
	}
	if len(seen) < 8 {
		t.Errorf("only %d rules seen: %v", len(seen), seen)
	}
}

func analyze(t *testing.T, dir string) *checker.Graph {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax | packages.NeedModule,
		Dir:  filepath.Join(bufltest.ModuleRoot(t), "testdata", dir),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading %s: %v", dir, err)
	}
	graph, err := checker.Analyze(analyzer.Suite, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return graph
}

// TestSuiteConcurrently runs the suite the way drivers do, with the checks
// sharing one lockregion result in parallel, over the bundled examples. Under
// -race it fails if any check mutates what they share.
func TestSuiteConcurrently(t *testing.T) {
	graph := analyze(t, "examples")
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
