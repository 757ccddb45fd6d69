package unpinned

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/passes/lockregion"
)

// releaseWhileShared reports a Release of a view whose slice was handed to a
// goroutine that has not been joined on some path to the Release.
func (c *checker) releaseWhileShared(ev lockregion.Event, st *lockregion.State) {
	shared := st.Get(lockregion.Shared, ev.Handle)
	if !shared.MayBe(lockregion.Held) {
		return
	}
	name := c.res.Name(ev.Handle)
	verb := "Release"
	if ev.Deferred {
		verb = "deferred Release"
	}
	c.r.Report(analysis.Diagnostic{
		Pos:      ev.Pos,
		Category: rules.UnpinnedReleaseShared,
		Message: fmt.Sprintf("unpinned: %s of view %s while the goroutine started at %s may still use its slice; wait for the goroutine (for example with a sync.WaitGroup) before releasing, or let the goroutine release the view",
			verb, name, c.r.Line(shared.At, ev.Pos)),
		Related: []analysis.RelatedInformation{{Pos: shared.At, Message: "goroutine using " + name + "'s slice started here"}},
	})
}
