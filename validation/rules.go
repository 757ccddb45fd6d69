package validation

import (
	"regexp"
	"slices"
	"strings"
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
)

// A rule is one kind of finding, told apart by its message, with the
// dynamic outcomes that show the same bug at run time.
type rule struct {
	id      string
	message *regexp.Regexp
	// predicts lists the outcomes that confirm a finding; empty for rules
	// whose bugs cannot be made to fail at run time.
	predicts []Outcome
}

// rules are tried in order; the first whose message matches names the rule.
var rules = []rule{
	{"viewaccess", regexp.MustCompile(`^viewaccess: `), []Outcome{CheckedPanic}},
	{"resize (lock released)", regexp.MustCompile(`^resize: .* called while `), []Outcome{CheckedPanic}},
	{"resize (view held)", regexp.MustCompile(`^resize: .* while the view `), []Outcome{ErrExported}},
	{"unpinned (leaked view)", regexp.MustCompile(`^unpinned: view .* is not released`), []Outcome{Leak}},
	{"unpinned (uintptr across call)", regexp.MustCompile(`^unpinned: uintptr `), []Outcome{Checkptr}},
	{"unpinned (released while shared)", regexp.MustCompile(`^unpinned: .*Release of view `), []Outcome{Race, Poison}},
	{"unpinned (use after Release)", regexp.MustCompile(`^unpinned: .* is used after its view `), []Outcome{Race, Poison}},
	{"unpinned (unpinned alias)", regexp.MustCompile(`^unpinned: `), []Outcome{Race, Poison}},
}

func ruleOf(msg string) *rule {
	for i := range rules {
		if rules[i].message.MatchString(msg) {
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
