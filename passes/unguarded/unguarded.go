package unguarded

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

// Analyzer is the unguarded analyzer; see the package documentation.
var Analyzer = &analysis.Analyzer{
	Name:     "unguarded",
	Doc:      checkdoc.MustExtract(doc, "unguarded"),
	URL:      "https://github.com/buflint/buflint/tree/main/passes/unguarded",
	Requires: []*analysis.Analyzer{lockregion.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res, r := lockregion.ForPass(pass)
	for f := range res.Solved() {
		f.Walk(lockregion.Visitor{Event: func(ev lockregion.Event, st *lockregion.State) {
			check(r, res, ev, st)
		}})
	}
	r.Finish()
	return nil, nil
}

func check(r *lockregion.Reporter, res *lockregion.Result, ev lockregion.Event, st *lockregion.State) {
	// Invalidating methods that require the guard are the resize check's.
	if !ev.Guard.Valid() || !ev.Effect.Has(bufmodel.Require) || (ev.Helper == nil && ev.Effect.Has(bufmodel.Invalidate)) {
		return
	}
	name := res.Name(ev.Guard)
	switch {
	case ev.Helper == nil:
		c := st.Guard(ev.Guard)
		if !c.MayBe(lockregion.Released) {
			return
		}
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.UnguardedAccess,
			Message: fmt.Sprintf("unguarded: %s called while %s; call it while holding the lock, before %s.Unlock(), and use the result afterwards",
				ev.Callee, r.LockState(c, name, ev.Pos), name),
			Related: r.Related(c, name+"'s lock is released here"),
		})
	case !ev.Literal:
		why := ""
		if ev.Helper.Why != "" {
			why = " (it calls " + ev.Helper.Why + ")"
		}
		helper := helperDecl(ev)
		if ev.Go {
			r.Report(analysis.Diagnostic{
				Pos:      ev.Pos,
				Category: rules.UnguardedGo,
				Message: fmt.Sprintf("unguarded: %s needs %s locked%s, but it is started as a goroutine, which does not hold its caller's lock; lock %s inside it, or call it before going concurrent",
					ev.Callee, name, why, name),
				Related: helper,
			})
			return
		}
		c := st.Guard(ev.Guard)
		if !c.MayBe(lockregion.Released) {
			return
		}
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.UnguardedHelper,
			Message: fmt.Sprintf("unguarded: call to %s needs %s locked%s, but %s; call it while holding the lock",
				ev.Callee, name, why, r.LockState(c, name, ev.Pos)),
			Related: append(r.Related(c, name+"'s lock is released here"), helper...),
		})
	}
}

// helperDecl points at the declaration of the helper an event calls.
func helperDecl(ev lockregion.Event) []analysis.RelatedInformation {
	if !ev.HelperPos.IsValid() {
		return nil
	}
	msg := ev.Callee + " is declared here"
	if ev.Helper.Why != "" {
		msg = ev.Callee + ", which calls " + ev.Helper.Why + ", is declared here"
	}
	return []analysis.RelatedInformation{{Pos: ev.HelperPos, Message: msg}}
}
