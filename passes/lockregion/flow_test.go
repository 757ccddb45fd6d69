package lockregion

import (
	"go/token"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/internal/bufltest"
)

// TestFlowTableAgrees checks, on every instruction of a function that moves
// an alias every way the table knows, that Sources follows exactly the
// operands FlowOf says are derived: a value's sources are the union of its
// Derive operands' sources, and no other operand's.
func TestFlowTableAgrees(t *testing.T) {
	res := analysistest.Run(t, bufltest.GOPATH(t), Analyzer, "flows")[0].Result.(*Result)
	var f *Func
	for _, g := range res.Funcs() {
		if g.Fn.Name() == "Flows" {
			f = g
		}
	}
	if f == nil {
		t.Fatal("Flows was not analyzed")
	}
	kinds := map[string]Flow{}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			v, ok := instr.(ssa.Value)
			if !ok {
				continue
			}
			if f.IsProducer(v) {
				continue // a producer is its own source
			}
			switch v.(type) {
			case *ssa.Alloc, *ssa.FreeVar, *ssa.Parameter:
				continue // variables and bindings: followed through their stores
			}
			var want []ssa.Value
			for _, op := range instr.Operands(nil) {
				if *op == nil {
					continue
				}
				flow := FlowOf(instr, *op)
				if len(f.Sources(*op)) > 0 {
					kinds[opName(instr)] |= flow | 1<<7 // 1<<7: seen with an alias operand
				}
				if flow&Derive != 0 {
					want = append(want, f.Sources(*op)...)
				}
			}
			got := f.Sources(v)
			for _, s := range want {
				if !slices.Contains(got, s) {
					t.Errorf("%s: Sources lacks %v that a Derive operand has", v, s)
				}
			}
			for _, s := range got {
				if !slices.Contains(want, s) {
					t.Errorf("%s: Sources has %v that no Derive operand has", v, s)
				}
			}
		}
	}
	// The function exercises each row of the table the test means to cover.
	for name, want := range map[string]Flow{
		"Slice": Derive, "IndexAddr": Derive, "Convert": Derive | Use, "BinOp": Derive,
		"SliceToArrayPointer": Derive, "MakeInterface": Derive, "Phi": Derive,
		"append": Derive | Use, "len": Inspect, "cap": Inspect, "compare": Inspect,
	} {
		got, ok := kinds[name]
		if !ok {
			t.Errorf("Flows has no %s on an alias: the test does not exercise it", name)
			continue
		}
		if got&^(1<<7) != want {
			t.Errorf("%s: flows %b, want %b", name, got&^(1<<7), want)
		}
	}
}

// opName names an instruction's row in the table, builtins and comparisons
// by themselves.
func opName(instr ssa.Instruction) string {
	switch i := instr.(type) {
	case *ssa.Call:
		if b, ok := i.Call.Value.(*ssa.Builtin); ok {
			return b.Name()
		}
		return "call"
	case *ssa.BinOp:
		if i.Op == token.NEQ || i.Op == token.EQL || i.Op == token.GTR {
			return "compare"
		}
		return "BinOp"
	}
	switch instr.(type) {
	case *ssa.Slice:
		return "Slice"
	case *ssa.IndexAddr:
		return "IndexAddr"
	case *ssa.Convert:
		return "Convert"
	case *ssa.SliceToArrayPointer:
		return "SliceToArrayPointer"
	case *ssa.MakeInterface:
		return "MakeInterface"
	case *ssa.Phi:
		return "Phi"
	}
	return "other"
}
