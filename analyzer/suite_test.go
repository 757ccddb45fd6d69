package analyzer_test

import (
	"slices"
	"testing"

	"github.com/buflint/buflint/analyzer"
	"github.com/buflint/buflint/analyzer/suppress"
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
