package unpinned_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buflint/buflint/internal/bufltest"
	"github.com/buflint/buflint/passes/unpinned"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, bufltest.GOPATH(t), unpinned.Analyzer, "a", "b", "ordinary", "helpers", "retains", "unsafedata", "cgostore", "sysuse", "entries", "entryuse", "lending", "wrappers", "wrapuse", "fieldfuncs", "fielduse", "iokeep", "closers")
}
