package validation

import (
	"slices"
	"testing"

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
		{"--- FAIL: TestBug\n", 1, []Outcome{"failed"}},
	} {
		if got := classify(c.out, c.code); !slices.Equal(got, c.want) {
			t.Errorf("classify(%q, %d) = %v, want %v", c.out, c.code, got, c.want)
		}
	}
}

func TestRuleOf(t *testing.T) {
	for msg, want := range map[string]string{
		"viewaccess: View.Len called while b is unlocked":                     "viewaccess",
		"resize: b.Resize called while b is unlocked":                         "resize (lock released)",
		"resize: b.Resize while the view v taken at line 9 is still held":     "resize (view held)",
		"unpinned: view v is not released on the path that returns at line 3": "unpinned (leaked view)",
		"unpinned: uintptr into buffer data is kept across the call":          "unpinned (uintptr across call)",
		"unpinned: Release of view v while the goroutine started at line 2":   "unpinned (released while shared)",
		"unpinned: p is used after its view v was released at line 4":         "unpinned (use after Release)",
		"unpinned: p, an unpinned alias from b.Bytes(), is used after":        "unpinned (unpinned alias)",
	} {
		if r := ruleOf(msg); r == nil || r.id != want {
			t.Errorf("ruleOf(%q) = %v, want %s", msg, r, want)
		}
	}
}

func TestJudge(t *testing.T) {
	finding := []bufltest.Finding{{File: "x/bug.go", Line: 1, Msg: "viewaccess: ..."}}
	va := ruleOf("viewaccess: x")
	for _, c := range []struct {
		name string
		r    row
		ok   bool
	}{
		{"finding confirmed", row{findings: finding, rules: []*rule{va}, observed: []Outcome{CheckedPanic}}, true},
		{"finding not confirmed", row{findings: finding, rules: []*rule{va}, observed: []Outcome{Clean}}, false},
		{"finding, wrong failure", row{findings: finding, rules: []*rule{va}, observed: []Outcome{Race}}, false},
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
