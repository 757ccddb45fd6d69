package lockregion

import (
	"fmt"
	"go/token"
	"path/filepath"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/analyzer/suppress"
)

// A Reporter reports diagnostics for one pass, once per position and
// message: a function literal analyzed in several contexts may find the
// same problem in each.
type Reporter struct {
	pass   *analysis.Pass
	res    *Result
	seen   map[string]bool
	ignore []suppress.Directive // well-formed directives naming this check
	used   []bool
}

// ForPass returns lockregion's result for pass, which must require
// Analyzer, and a Reporter for it: what every check starts from.
func ForPass(pass *analysis.Pass) (*Result, *Reporter) {
	res := pass.ResultOf[Analyzer].(*Result)
	return res, NewReporter(pass, res)
}

// NewReporter returns a Reporter for pass.
func NewReporter(pass *analysis.Pass, res *Result) *Reporter {
	r := &Reporter{pass: pass, res: res, seen: map[string]bool{}}
	for _, d := range suppress.Parse(pass.Fset, pass.Files, pass.ReadFile) {
		if d.CheckName() == pass.Analyzer.Name && d.Problem() == "" {
			r.ignore = append(r.ignore, d)
		}
	}
	r.used = make([]bool, len(r.ignore))
	return r
}

// Report reports d unless it was reported already, has no position, or a
// //buflint:ignore directive for its check or rule covers it. d.Category
// must be the finding's rule id.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if !d.Pos.IsValid() {
		return
	}
	id := fmt.Sprint(d.Pos, d.Message)
	if r.seen[id] {
		return
	}
	r.seen[id] = true
	for i, ig := range r.ignore {
		if ig.Matches(d.Category) && ig.Covers(r.pass.Fset, d.Pos) {
			r.used[i] = true
			return
		}
	}
	r.pass.Report(d)
}

// FirstOnLine reports whether this is the first call for what on pos's
// line: one statement may make several events of one finding (the store
// of s.f = append(s.f[:0], x) and the write through s.f[:0]).
func (r *Reporter) FirstOnLine(pos token.Pos, what string) bool {
	p := r.pass.Fset.Position(pos)
	id := fmt.Sprint(p.Filename, ":", p.Line, " ", what)
	if r.seen[id] {
		return false
	}
	r.seen[id] = true
	return true
}

// Finish reports the directives for this check that silenced nothing. Every
// check calls it once it has reported all its findings, and must not read
// the Result afterwards.
func (r *Reporter) Finish() {
	defer r.res.done(r.pass.Analyzer.Name)
	for i, ig := range r.ignore {
		if !r.used[i] {
			r.pass.Report(analysis.Diagnostic{
				Pos:      ig.Pos,
				Category: rules.IgnoresStale,
				Message: fmt.Sprintf("%s: stale //buflint:ignore: there is no %s finding on this line or the next; remove the directive",
					r.pass.Analyzer.Name, ig.Check),
			})
		}
	}
}

// Line renders pos as "line N" when it is in the file of here, or as
// "file.go:N" otherwise.
func (r *Reporter) Line(pos, here token.Pos) string {
	p, h := r.pass.Fset.Position(pos), r.pass.Fset.Position(here)
	if p.Filename == h.Filename {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// LockState describes, for a message at here, why the guard k is not held
// in cell c: "b is unlocked (released at line 12)", "s.mu may be unlocked
// (...)" when other paths hold it.
func (r *Reporter) LockState(c Cell, k Key, here token.Pos) string {
	name := r.res.Name(k)
	some := ""
	if c.S != Released {
		some = " on some path"
	}
	at := r.Line(c.At, here)
	switch c.Why {
	case ByEntry:
		return fmt.Sprintf("%s is not locked yet%s (this function first locks it at %s)", name, some, at)
	case ByEntryCall:
		return fmt.Sprintf("%s is not held%s (the call at %s takes it, so this function cannot be called holding it)", name, some, at)
	case ByGo:
		return fmt.Sprintf("the goroutine started at %s does not hold %s", at, r.res.LockName(k))
	case ByHelper:
		if some != "" {
			return fmt.Sprintf("%s may be unlocked (the call at %s may leave it unlocked)", name, at)
		}
		return fmt.Sprintf("%s is unlocked (the call at %s releases it)", name, at)
	}
	if some != "" {
		return fmt.Sprintf("%s may be unlocked (released at %s on some path)", name, at)
	}
	return fmt.Sprintf("%s is unlocked (released at %s)", name, at)
}

// ReleaseSite returns related information pointing at where the guard
// named lock was released in cell c, saying how: released, first locked
// later (the function is entered without it), a goroutine started
// without it, a call that releases it.
func (r *Reporter) ReleaseSite(c Cell, lock string) []analysis.RelatedInformation {
	what := lock + " is released here"
	switch c.Why {
	case ByEntry:
		what = "this function first locks " + lock + " here, so it does not hold it before"
	case ByEntryCall:
		what = "this call takes " + lock + ", so the function does not hold it"
	case ByGo:
		what = "the goroutine started here does not hold " + lock
	case ByHelper:
		what = "this call may release " + lock
	}
	return r.Related(c, what)
}

// Related returns related information pointing at where c was released.
func (r *Reporter) Related(c Cell, what string) []analysis.RelatedInformation {
	if !c.At.IsValid() {
		return nil
	}
	return []analysis.RelatedInformation{{Pos: c.At, Message: what}}
}
