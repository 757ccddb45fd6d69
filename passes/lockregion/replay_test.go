package lockregion

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/internal/bufltest"
)

// TestReplay checks that an analysis replayed after its first one was
// collected (Result.analysis, when the weak pointer is empty) is the same:
// the same contexts, events and lock states at every instruction.
func TestReplay(t *testing.T) {
	results := analysistest.Run(t, bufltest.GOPATH(t), Analyzer, "facts", "usesfacts", "shapes", "guardfacts", "flows")
	for _, r := range results {
		res := r.Result.(*Result)
		if res.Skipped {
			continue
		}
		first := trace(res.analysis())
		res.held.Forget()
		again := res.analysis()
		if again == nil || !again.replaying {
			t.Fatalf("%s: the analysis was not replayed", r.Action.Package.Types.Path())
		}
		if second := trace(again); second != first {
			t.Errorf("%s: replayed analysis differs:\nfirst:\n%s\nreplayed:\n%s", r.Action.Package.Types.Path(), first, second)
		}
	}
}

// trace renders what the checks see of an analysis.
func trace(a *pkgAnalysis) string {
	var b strings.Builder
	for _, f := range a.funcs {
		fmt.Fprintf(&b, "%s start=%d complete=%v\n", f.Fn, f.Start, f.Complete)
		f.Walk(Visitor{
			Instr: func(instr ssa.Instruction, st *State) {
				fmt.Fprintf(&b, "  %T@%d\n", instr, instr.Pos())
			},
			Event: func(ev Event, st *State) {
				fmt.Fprintf(&b, "    effect=%d guard=%s state=%d field=%v\n", ev.Effect, a.DF.Name(ev.Guard), st.Guard(ev.Guard).S, ev.Field)
			},
		})
	}
	return b.String()
}
