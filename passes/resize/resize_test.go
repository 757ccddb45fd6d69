package resize_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buflint/buflint/internal/bufltest"
	"github.com/buflint/buflint/passes/resize"
)

func Test(t *testing.T) {
	analysistest.Run(t, bufltest.GOPATH(t), resize.Analyzer, "a")
}
