// Package analyzer assembles buflint's passes into one suite. The shared
// model of the buffer API lives in the subpackage bufmodel, which the passes
// import without a cycle.
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/passes/ignores"
	"github.com/buflint/buflint/passes/resize"
	"github.com/buflint/buflint/passes/unguarded"
	"github.com/buflint/buflint/passes/unpinned"
)

// Suite is every buflint check, in the order their findings are documented.
// The three checks require lockregion, which computes the lock-released
// regions they look into; the driver runs it once per package for all of
// them. ignores checks the //buflint:ignore directives themselves.
var Suite = []*analysis.Analyzer{
	unguarded.Analyzer,
	resize.Analyzer,
	unpinned.Analyzer,
	ignores.Analyzer,
}
