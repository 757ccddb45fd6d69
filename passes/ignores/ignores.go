package ignores

import (
	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/suppress"
)

var Analyzer = &analysis.Analyzer{
	Name: "ignores",
	Doc:  "report //buflint:ignore directives that name no known check or give no reason",
	URL:  "https://github.com/buflint/buflint/tree/main/passes/ignores",
	Run:  run,
}

func run(pass *analysis.Pass) (any, error) {
	for _, d := range suppress.Parse(pass.Fset, pass.Files, pass.ReadFile) {
		if msg := d.Problem(); msg != "" {
			pass.Report(analysis.Diagnostic{Pos: d.Pos, Message: "ignores: " + msg})
		}
	}
	return nil, nil
}
