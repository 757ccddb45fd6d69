// Package suppress reads buflint's suppression directives:
//
//	//buflint:ignore <check or rule> <reason>
//
// on the line of a finding, or alone on the line above it, silences the
// findings there of that check, or of that one rule ("unpinned" or
// "unpinned/after-release"). Former check names are accepted. The reason is
// required. The checks honour directives through lockregion's Reporter,
// which also reports directives that silenced nothing; the ignores pass
// reports malformed ones.
package suppress

import (
	"bytes"
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/buflint/buflint/analyzer/rules"
)

// Prefix starts every directive.
const Prefix = "//buflint:ignore"

// Checks are the checks whose findings a directive may silence: every check
// of the suite but ignores, whose findings are about directives.
var Checks = func() []string {
	var out []string
	for _, c := range rules.Checks {
		if c.Name != "ignores" {
			out = append(out, c.Name)
		}
	}
	return out
}()

// A Directive is one //buflint:ignore comment.
type Directive struct {
	Pos token.Pos
	// Check is the check or rule as written; it may be empty, unknown or a
	// former name: Problem and Name say so.
	Check  string
	Reason string
	// Lines are the file lines the directive covers: its own, and the next
	// when the comment stands alone on its line.
	File  string
	Lines []int
}

// Name returns the check or rule the directive names, by its current name,
// or "" when it names none that a directive may silence.
func (d Directive) Name() string {
	name, ok := rules.Canonical(d.Check)
	if !ok || !slices.Contains(Checks, rules.CheckOf(name)) {
		return ""
	}
	return name
}

// Check returns the check whose findings the directive may silence.
func (d Directive) CheckName() string { return rules.CheckOf(d.Name()) }

// Matches reports whether the directive names the check or the rule of a
// finding whose category is the rule id given.
func (d Directive) Matches(category string) bool {
	name := d.Name()
	return name != "" && (name == category || name == rules.CheckOf(category))
}

// Problem returns what is wrong with the directive, or "".
func (d Directive) Problem() string {
	switch {
	case d.Check == "":
		return "buflint:ignore names no check; write //buflint:ignore <check> <reason>, with one of " + strings.Join(Checks, ", ")
	case d.Name() == "":
		return "buflint:ignore names unknown check " + strconv.Quote(d.Check) + "; known checks: " + strings.Join(Checks, ", ") +
			" (or one of their rules, such as " + rules.UnpinnedAfterRelease + ")"
	case d.Reason == "":
		return "buflint:ignore " + d.Check + " gives no reason; say why the finding is wrong or acceptable"
	}
	return ""
}

// Covers reports whether the directive applies to a finding at pos.
func (d Directive) Covers(fset *token.FileSet, pos token.Pos) bool {
	p := fset.Position(pos)
	return p.Filename == d.File && slices.Contains(d.Lines, p.Line)
}

// Parse returns the directives in files. readFile (an analysis pass's
// ReadFile) supplies the source, to tell a comment alone on its line, which
// also covers the next line, from one that trails code.
func Parse(fset *token.FileSet, files []*ast.File, readFile func(string) ([]byte, error)) []Directive {
	var out []Directive
	for _, f := range files {
		tf := fset.File(f.Pos())
		if tf == nil {
			continue
		}
		var src []byte
		for _, group := range f.Comments {
			for _, c := range group.List {
				if !strings.HasPrefix(c.Text, Prefix) {
					continue
				}
				rest := strings.TrimPrefix(c.Text, Prefix)
				if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
					continue // e.g. //buflint:ignorefoo
				}
				if i := strings.Index(rest, "//"); i >= 0 {
					rest = rest[:i] // a trailing comment is not part of the directive
				}
				fields := strings.Fields(rest)
				d := Directive{Pos: c.Pos(), File: tf.Name()}
				if len(fields) > 0 {
					d.Check = fields[0]
					d.Reason = strings.Join(fields[1:], " ")
				}
				if src == nil {
					src, _ = readFile(tf.Name())
				}
				line := tf.Line(c.Pos())
				d.Lines = []int{line}
				start, end := tf.Offset(tf.LineStart(line)), tf.Offset(c.Pos())
				if start <= end && end <= len(src) && len(bytes.TrimSpace(src[start:end])) == 0 {
					d.Lines = append(d.Lines, line+1)
				}
				out = append(out, d)
			}
		}
	}
	return out
}
