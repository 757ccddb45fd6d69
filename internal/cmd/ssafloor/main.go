// Command ssafloor measures what buflint avoids by deciding relevance before
// building SSA: the same driver running one analyzer that requires buildssa
// (SSA for every package) and declares a fact type, and otherwise does nothing.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "nofact" }

var ssaOnly = &analysis.Analyzer{
	Name:      "ssaonly",
	Doc:       "build SSA for every package and do nothing else",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	FactTypes: []analysis.Fact{new(noFact)},
}

func main() { multichecker.Main(ssaOnly) }
