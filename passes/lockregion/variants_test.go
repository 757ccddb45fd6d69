package lockregion

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/buflint/buflint/internal/bufltest"
	"github.com/buflint/buflint/passes/lockregion/internal/reuse"
)

// TestVariants checks that a package type-checked twice with the same
// syntax, as the driver does for test binaries, is analyzed once when its
// imports answer the same, with the same facts and the same analysis for
// the checks; and analyzed again when they do not.
func TestVariants(t *testing.T) {
	dir := bufltest.GOPATH(t)
	// load analyzes the variants of user, both as roots so that their
	// results are kept, in a driver that loaded lib with its tests.
	load := func(lib, user string) (plain, variant *checker.Action) {
		t.Helper()
		cfg := &packages.Config{
			Mode:  packages.LoadAllSyntax,
			Dir:   dir,
			Tests: true,
			Env:   append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off"),
		}
		pkgs, err := packages.Load(cfg, lib, user)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string]*packages.Package{}
		packages.Visit(pkgs, nil, func(p *packages.Package) { byID[p.ID] = p })
		variantID := user + " [" + lib + ".test]"
		if byID[user] == nil || byID[variantID] == nil {
			t.Fatalf("want %s and %s loaded, got %v", user, variantID, slices.Sorted(maps.Keys(byID)))
		}
		// Sequential, so that one variant is done before the other starts.
		graph, err := checker.Analyze([]*analysis.Analyzer{Analyzer}, []*packages.Package{byID[user], byID[variantID]}, &checker.Options{Sequential: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, act := range graph.Roots {
			if act.Err != nil {
				t.Fatalf("%s: %v", act.Package.ID, act.Err)
			}
		}
		return graph.Roots[0], graph.Roots[1]
	}

	before := reuse.Reused()
	plain, variant := load("varlib", "varuser")
	if got := reuse.Reused() - before; got != 1 {
		t.Errorf("variants reused: %d, want 1", got)
	}
	if p, v := factsOf(plain), factsOf(variant); p != v || p == "" {
		t.Errorf("facts differ:\nvaruser:\n%s\nvaruser [varlib.test]:\n%s", p, v)
	}
	for _, act := range []*checker.Action{plain, variant} {
		if act.Result.(*Result).Skipped {
			t.Fatalf("%s: skipped", act.Package.ID)
		}
	}
	if p, v := trace(plain.Result.(*Result).analysis()), trace(variant.Result.(*Result).analysis()); p != v {
		t.Errorf("analyses differ:\nvaruser:\n%s\nvaruser [varlib.test]:\n%s", p, v)
	}

	before = reuse.Reused()
	plain, variant = load("varlib2", "varuser2")
	if got := reuse.Reused() - before; got != 0 {
		t.Errorf("variants reused: %d, want 0 (varlib2's test variant exports lock facts)", got)
	}
	if !plain.Result.(*Result).Skipped || variant.Result.(*Result).Skipped {
		t.Errorf("skipped: varuser2 %v, varuser2 [varlib2.test] %v; want true, false",
			plain.Result.(*Result).Skipped, variant.Result.(*Result).Skipped)
	}
}

// factsOf renders the facts an action exported, sorted.
func factsOf(act *checker.Action) string {
	var lines []string
	for _, f := range act.AllObjectFacts() {
		if f.Object.Pkg() == act.Package.Types {
			lines = append(lines, fmt.Sprintf("%s: %s", f.Object, f.Fact))
		}
	}
	for _, f := range act.AllPackageFacts() {
		if f.Package == act.Package.Types {
			lines = append(lines, fmt.Sprintf("package: %s", f.Fact))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
