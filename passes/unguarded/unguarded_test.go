package unguarded_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buflint/buflint/internal/bufltest"
	"github.com/buflint/buflint/passes/unguarded"
)

func Test(t *testing.T) {
	analysistest.Run(t, bufltest.GOPATH(t), unguarded.Analyzer, "a", "b", "guarded", "sharer", "fielduser", "helperrelease", "locker", "readlocked", "readlockuse")
}
