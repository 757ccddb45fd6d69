package resize

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/internal/checkdoc"
	"github.com/buflint/buflint/passes/lockregion"
)

//go:embed doc.go
var doc string

// Analyzer is the resize analyzer; see the package documentation.
var Analyzer = &analysis.Analyzer{
	Name:     "resize",
	Doc:      checkdoc.MustExtract(doc, "resize"),
	URL:      "https://github.com/buflint/buflint/tree/main/passes/resize",
	Requires: []*analysis.Analyzer{lockregion.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res, r := lockregion.ForPass(pass)
	for f := range res.Solved() {
		f.Walk(lockregion.Visitor{Event: func(ev lockregion.Event, st *lockregion.State) {
			if ev.Effect.Has(bufmodel.Invalidate) && ev.Helper == nil && ev.Guard.Valid() {
				check(r, res, f, ev, st)
			}
		}})
	}
	r.Finish()
	return nil, nil
}

func check(r *lockregion.Reporter, res *lockregion.Result, f *lockregion.Func, ev lockregion.Event, st *lockregion.State) {
	name := res.Name(ev.Guard)
	if c := st.Guard(ev.Guard); c.MayBe(lockregion.Released) {
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.ResizeUnlocked,
			Message: fmt.Sprintf("resize: %s.%s called while %s; resize only while holding %s's lock",
				name, ev.Method, r.LockState(c, ev.Guard, ev.Pos), name),
			Related: r.ReleaseSite(c, name+"'s lock"),
		})
	}
	st.Each(lockregion.Handle, func(view lockregion.Key, c lockregion.Cell) {
		if !c.MayBe(lockregion.Held) || f.ViewOwner(view) != ev.Guard {
			return
		}
		some := ""
		if c.MayBe(lockregion.Released) {
			some = " on some path"
		}
		vname := res.Name(view)
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.ResizeExported,
			Message: fmt.Sprintf("resize: %s.%s while the view %s taken at %s is still held%s: it fails with buffer.ErrExported; call %s.Release() before resizing",
				name, ev.Method, vname, r.Line(view.Root.Pos(), ev.Pos), some, vname),
			Related: []analysis.RelatedInformation{{Pos: view.Root.Pos(), Message: "view " + vname + " taken here"}},
		})
	})
}
