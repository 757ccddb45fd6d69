package unpinned

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
)

// closePutsKept reports a Close method that gives an object kept in a
// field of its receiver back to its pool and leaves it in the field: a
// second Close (an HTTP transport may close a request body twice) puts
// it again, and two later Gets hand the same object to two owners.
func (c *checker) closePutsKept(reported map[*ssa.Function]bool) {
	fn := c.f.Fn
	if reported[fn] || !closeMethod(fn) {
		return
	}
	for evs := range c.f.AllEvents() {
		for _, ev := range evs {
			if !ev.Effect.Has(bufmodel.Reuse) || !c.f.LeftInField(ev) {
				continue
			}
			reported[fn] = true
			name := c.res.Name(ev.Data)
			c.r.Report(analysis.Diagnostic{
				Pos:      ev.Pos,
				Category: rules.UnpinnedAfterPut,
				Message: fmt.Sprintf("unpinned: %s gives %s back to its pool and leaves it in place: a second %s puts it back again, and two Gets then return the same object; set %s to nil after giving it back, or guard %s against a second call (sync.Once, a closed flag)",
					c.res.FuncName(fn), name, fn.Name(), name, fn.Name()),
			})
			return
		}
	}
}

// closeMethod reports whether fn is a Close method with a pointer
// receiver, as io.Closer's (or without a result).
func closeMethod(fn *ssa.Function) bool {
	sig := fn.Signature
	if fn.Name() != "Close" || sig.Recv() == nil || sig.Params().Len() != 0 || sig.Results().Len() > 1 {
		return false
	}
	_, ptr := sig.Recv().Type().Underlying().(*types.Pointer)
	return ptr
}
