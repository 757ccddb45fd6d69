package ignores_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buflint/buflint/passes/ignores"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ignores.Analyzer, "a")
}
