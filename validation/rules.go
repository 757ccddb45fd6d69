package validation

import (
	"regexp"
	"slices"
	"strings"

	ids "github.com/buflint/buflint/analyzer/rules"
)

// Outcome is a class of dynamic result.
type Outcome string

const (
	Clean        Outcome = "clean"
	CheckedPanic Outcome = "checked-mode panic"
	ErrExported  Outcome = "ErrExported"
	Leak         Outcome = "leak report"
	Race         Outcome = "race report"
	Poison       Outcome = "poison bytes seen"
	Checkptr     Outcome = "checkptr failure"
	CgoCheck     Outcome = "cgocheck2 abort"
)

// A rule is one kind of finding, by its rule id (the diagnostic's
// Category), with the dynamic outcomes that show the same bug at run time.
type rule struct {
	id string
	// predicts lists the outcomes that confirm a finding; empty for rules
	// whose bugs cannot be made to fail at run time.
	predicts []Outcome
}

// rules maps every rule that reports a bug in code to the outcomes that
// confirm it. A finding whose rule is not here fails validation.
var rules = []rule{
	{ids.UnguardedAccess, []Outcome{CheckedPanic, Race}},
	{ids.UnguardedHelper, []Outcome{CheckedPanic, Race}},
	{ids.UnguardedGo, []Outcome{CheckedPanic, Race}},
	{ids.UnguardedShared, []Outcome{Race}},
	{ids.UnguardedEntry, []Outcome{Race}},
	{ids.ResizeUnlocked, []Outcome{CheckedPanic}},
	{ids.ResizeExported, []Outcome{ErrExported}},
	{ids.UnpinnedLeakedView, []Outcome{Leak}},
	{ids.UnpinnedUintptr, []Outcome{Checkptr}},
	{ids.UnpinnedHeader, nil}, // a header value works until the collector frees what its Data names
	{ids.UnpinnedCgoStored, []Outcome{CgoCheck}},
	{ids.UnpinnedCgoArg, []Outcome{CgoCheck}}, // cgo's default check panics at the call
	{ids.UnpinnedReleaseShared, []Outcome{Race, Poison}},
	{ids.UnpinnedAfterRelease, []Outcome{Race, Poison}},
	{ids.UnpinnedAfterUnlock, []Outcome{Race, Poison}},
	{ids.UnpinnedAfterResize, []Outcome{Race, Poison}},
	{ids.UnpinnedGoroutine, []Outcome{Race, Poison}},
	{ids.UnpinnedAfterReuse, []Outcome{Race, Poison}},
	{ids.UnpinnedAfterPut, []Outcome{Race}}, // the next Get's owner writes the object the Put's caller still reads
	{ids.UnpinnedReuseShared, []Outcome{Race}},
	{ids.UnpinnedRetained, []Outcome{Race, Poison}},
	{ids.UnpinnedBorrowed, []Outcome{Race}}, // the goroutine the method left behind touches the caller's reused slice
}

// ruleOf returns the rule with the given id (a finding's category).
func ruleOf(category string) *rule {
	for i := range rules {
		if rules[i].id == category {
			return &rules[i]
		}
	}
	return nil
}

// classify reads the outcomes of one run of a scenario test from its output
// and exit status.
func classify(out string, exitCode int) []Outcome {
	var got []Outcome
	add := func(o Outcome) {
		if !slices.Contains(got, o) {
			got = append(got, o)
		}
	}
	if strings.Contains(out, "WARNING: DATA RACE") {
		add(Race)
	}
	if regexp.MustCompile(`(?m)^panic: buffer: `).MatchString(out) {
		add(CheckedPanic)
	}
	if regexp.MustCompile(`(?m)^fatal error: checkptr: `).MatchString(out) {
		add(Checkptr) // -race turns on -d=checkptr
	}
	if regexp.MustCompile(`(?m)^fatal error: .*Go pointer stored into non-Go memory`).MatchString(out) {
		add(CgoCheck) // a GOEXPERIMENT=cgocheck2 build
	}
	for _, m := range regexp.MustCompile(`(?m)^BUFLINT-OUTCOME: (\S+)`).FindAllStringSubmatch(out, -1) {
		switch m[1] {
		case "errexported":
			add(ErrExported)
		case "poison":
			add(Poison)
		case "leak":
			add(Leak)
		default:
			add(Outcome("unexpected " + m[1]))
		}
	}
	if len(got) == 0 {
		if exitCode != 0 {
			return []Outcome{Outcome("failed")}
		}
		return []Outcome{Clean}
	}
	return got
}
