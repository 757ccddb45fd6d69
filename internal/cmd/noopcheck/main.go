// Command noopcheck is the floor buflint's cost is measured against: the same
// driver (multichecker) running one analyzer that declares a fact type and
// does nothing, so the driver loads and type-checks every package from source
// and serializes facts exactly as it does for buflint.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "nofact" }

var noop = &analysis.Analyzer{
	Name:      "noop",
	Doc:       "do nothing: the type-checking floor for benchmarks",
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	FactTypes: []analysis.Fact{new(noFact)},
}

func main() { multichecker.Main(noop) }
