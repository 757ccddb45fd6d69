package lockregion_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buflint/buflint/internal/bufltest"
	"github.com/buflint/buflint/passes/lockregion"
)

func TestFacts(t *testing.T) {
	analysistest.Run(t, bufltest.GOPATH(t), lockregion.Analyzer, "facts", "usesfacts", "shapes", "guardfacts", "sysfacts")
}

// TestRelevance checks that packages that cannot use the buffer protocol are
// skipped before SSA is built, and that relevance travels through facts.
func TestRelevance(t *testing.T) {
	results := analysistest.Run(t, bufltest.GOPATH(t), lockregion.Analyzer, "unrelated", "usesfacts", "facts")
	skipped := map[string]bool{}
	for _, r := range results {
		skipped[r.Action.Package.Types.Path()] = r.Result.(*lockregion.Result).Skipped
	}
	want := map[string]bool{"unrelated": true, "usesfacts": false, "facts": false}
	for pkg, w := range want {
		if got, ok := skipped[pkg]; !ok || got != w {
			t.Errorf("%s: skipped = %v (analyzed: %v), want %v", pkg, got, ok, w)
		}
	}
}

// TestHugeFunction checks that a function too large to solve in the budget
// is marked incomplete, without panicking or taking long.
func TestHugeFunction(t *testing.T) {
	dir := bufltest.GOPATH(t)
	var src strings.Builder
	// Locked on some paths and unlocked on others: its exit is a set.
	src.WriteString("package huge // want package:\"haslockfacts\"\n\nimport \"github.com/buflint/buflint/buffer\"\n\n" +
		"func Huge(b *buffer.Buffer, xs []int) (n int) { // want Huge:`lockfact\\(returns with b locked or unlocked\\)`\n")
	for i := range 3000 {
		fmt.Fprintf(&src, "\tif xs[%d] > 0 {\n\t\tb.Lock()\n\t} else {\n\t\tb.Unlock()\n\t}\n\tfor range xs[%d] {\n\t\tn += b.Len()\n\t}\n", i, i)
	}
	src.WriteString("\treturn n\n}\n")
	pkg := filepath.Join(dir, "src", "huge")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pkg, "huge.go"), []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, r := range analysistest.Run(t, dir, lockregion.Analyzer, "huge") {
		for _, f := range r.Result.(*lockregion.Result).Funcs() {
			if f.Fn.Name() == "Huge" && len(f.Fn.Blocks) < 1000 {
				t.Errorf("Huge has only %d blocks; the test does not exercise size", len(f.Fn.Blocks))
			}
		}
	}
}
