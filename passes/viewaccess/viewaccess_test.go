package viewaccess_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buflint/buflint/internal/bufltest"
	"github.com/buflint/buflint/passes/viewaccess"
)

func Test(t *testing.T) {
	analysistest.Run(t, bufltest.GOPATH(t), viewaccess.Analyzer, "a", "b")
}
