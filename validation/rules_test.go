package validation

import (
	"slices"
	"testing"

	ids "github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/internal/bufltest"
)

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		out  string
		code int
		want []Outcome
	}{
		{"PASS\n", 0, []Outcome{Clean}},
		{"==================\nWARNING: DATA RACE\nRead at ...\n", 66, []Outcome{Race}},
		{"panic: buffer: View.Len called by goroutine 7 without holding the buffer's lock\n", 2, []Outcome{CheckedPanic}},
		{"fatal error: checkptr: pointer arithmetic result points to invalid allocation\n", 2, []Outcome{Checkptr}},
		{"BUFLINT-OUTCOME: errexported x\nBUFLINT-OUTCOME: poison y\n", 0, []Outcome{ErrExported, Poison}},
		{"BUFLINT-OUTCOME: leak a.go:3\n", 0, []Outcome{Leak}},
		{"write of unpinned Go pointer 0xc0000180dd to non-Go memory 0x4d08c60\nfatal error: unpinned Go pointer stored into non-Go memory\n", 2, []Outcome{CgoCheck}},
		{"--- FAIL: TestBug\n", 1, []Outcome{"failed"}},
	} {
		if got := classify(c.out, c.code); !slices.Equal(got, c.want) {
			t.Errorf("classify(%q, %d) = %v, want %v", c.out, c.code, got, c.want)
		}
	}
}

// TestRulesKnown checks that every rule the validation table knows is a
// rule of the suite, and that every rule of the checks that report bugs in
// code has a prediction here.
func TestRulesKnown(t *testing.T) {
	for _, r := range rules {
		if _, ok := ids.Lookup(r.id); !ok {
			t.Errorf("validation rule %q is not a rule of the suite", r.id)
		}
	}
	for _, c := range ids.Checks {
		for _, r := range c.Rules {
			if r.AboutComments {
				continue // findings about comments, not code that runs
			}
			if ruleOf(r.ID) == nil {
				t.Errorf("rule %s has no predicted outcome in the validation table", r.ID)
			}
		}
	}
}

func TestJudge(t *testing.T) {
	finding := []bufltest.Finding{{File: "x/bug.go", Line: 1, Msg: "unguarded: ...", Category: ids.UnguardedAccess}}
	va := ruleOf(ids.UnguardedAccess)
	for _, c := range []struct {
		name string
		r    row
		ok   bool
	}{
		{"finding confirmed", row{findings: finding, rules: []*rule{va}, observed: []Outcome{CheckedPanic}}, true},
		{"finding not confirmed", row{findings: finding, rules: []*rule{va}, observed: []Outcome{Clean}}, false},
		{"finding, wrong failure", row{findings: finding, rules: []*rule{va}, observed: []Outcome{Leak}}, false},
		{"clean code runs clean", row{observed: []Outcome{Clean}}, true},
		{"clean code fails", row{observed: []Outcome{Race}}, false},
		{"static only", row{findings: finding, rules: []*rule{va}, staticOnly: "why. more", observed: []Outcome{Clean}}, true},
		{"known gap shown", row{variant: "missed", knownMissed: "why", observed: []Outcome{CheckedPanic}}, true},
		{"known gap not shown", row{variant: "missed", knownMissed: "why", observed: []Outcome{Clean}}, false},
		{"missed without reason", row{variant: "missed", observed: []Outcome{CheckedPanic}}, false},
	} {
		judge(&c.r)
		if c.r.ok != c.ok {
			t.Errorf("%s: ok = %v (%s), want %v", c.name, c.r.ok, c.r.verdict, c.ok)
		}
	}
}

func TestMarkedReason(t *testing.T) {
	src := "// Package p: x.\n//\n// static-only: no run can show it. Because\n// reasons.\npackage p\n"
	if got, want := markedReason(src, "static-only"), "no run can show it. Because reasons."; got != want {
		t.Errorf("markedReason = %q, want %q", got, want)
	}
	if got := markedReason(src, "known-missed"); got != "" {
		t.Errorf("markedReason for another marker = %q", got)
	}
}
