package unpinned

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
)

// givenFromFields reports a function that gives back to a pool what a
// field of its receiver still holds when it returns: a slice of the
// storage of the field's buffer (nats' flush recycled the pending bytes of
// its cache while the cache kept them: the next Get hands out memory the
// cache still uses), or, in a Close method, the field's object itself (a
// second Close puts it back again, and two Gets return the same object).
func (c *checker) givenFromFields(reported map[*ssa.Function]bool) {
	fn := c.f.Fn
	if reported[fn] {
		return
	}
	closer := closeMethod(fn)
	for evs := range c.f.AllEvents() {
		for _, ev := range evs {
			if !ev.Effect.Has(bufmodel.Reuse) {
				continue
			}
			g, ok := c.f.GivenField(ev)
			if !ok || !g.Storage && !closer {
				continue
			}
			reported[fn] = true
			field := c.res.Name(g.Field)
			msg := fmt.Sprintf("unpinned: %s gives %s back to its pool and leaves it in place: a second %s puts it back again, and two Gets then return the same object; set %s to nil after giving it back, or guard %s against a second call (sync.Once, a closed flag)",
				c.res.FuncName(fn), field, fn.Name(), field, fn.Name())
			var related []analysis.RelatedInformation
			if g.Storage {
				alias := c.aliasName(g.Alias)
				what := " (" + alias + " is a slice of it)"
				if alias == unnamed {
					what = ""
				}
				msg = fmt.Sprintf("unpinned: %s gives storage that %s still holds back to a pool%s: the next Get hands it to another owner while %s is still in use; give back only storage nothing keeps, or give %s storage of its own first",
					c.res.FuncName(fn), field, what, field, field)
				pos := g.Alias.Pos()
				if ex, ok := g.Alias.(*ssa.Extract); ok {
					pos = ex.Tuple.Pos()
				}
				related = append(related, analysis.RelatedInformation{Pos: pos, Message: alias + " taken here"})
			}
			c.r.Report(analysis.Diagnostic{Pos: ev.Pos, Category: rules.UnpinnedAfterPut, Message: msg, Related: related})
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
