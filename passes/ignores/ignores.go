package ignores

import (
	_ "embed"
	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/analyzer/suppress"
	"github.com/buflint/buflint/internal/checkdoc"
)

//go:embed doc.go
var doc string

// Analyzer is the ignores analyzer; see the package documentation.
var Analyzer = &analysis.Analyzer{
	Name: "ignores",
	Doc:  checkdoc.MustExtract(doc, "ignores"),
	URL:  "https://github.com/buflint/buflint/tree/main/passes/ignores",
	Run:  run,
}

func run(pass *analysis.Pass) (any, error) {
	for _, d := range suppress.Parse(pass.Fset, pass.Files, pass.ReadFile) {
		if msg := d.Problem(); msg != "" {
			pass.Report(analysis.Diagnostic{Pos: d.Pos, Category: rules.IgnoresMalformed, Message: "ignores: " + msg})
		}
	}
	return nil, nil
}
