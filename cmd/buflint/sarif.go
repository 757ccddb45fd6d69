package main

import (
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/buflint/buflint/analyzer/rules"
)

// informationURI is where buflint's documentation lives.
const informationURI = "https://github.com/buflint/buflint"

// wantsSARIF reports whether the command line asks for SARIF output, which
// the standard checker driver does not offer.
func wantsSARIF(args []string) bool {
	for _, a := range args {
		switch a {
		case "-sarif", "--sarif", "-format=sarif", "--format=sarif":
			return true
		}
	}
	return false
}

// runSARIF analyzes the packages named on the command line with the given
// analyzers and writes a SARIF 2.1.0 log to stdout. Flags: -sarif (or
// -format=sarif), -NAME=false to turn a check off, -test=false to leave out
// test files. The exit status follows the checker's: 0 clean, 3 findings,
// 1 errors.
func runSARIF(args []string, all []*analysis.Analyzer, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("buflint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("sarif", true, "write SARIF 2.1.0")
	format := fs.String("format", "sarif", "output format: sarif")
	tests := fs.Bool("test", true, "analyze test files too")
	enabled := map[string]*bool{}
	for _, a := range all {
		enabled[a.Name] = fs.Bool(a.Name, true, "enable "+a.Name)
	}
	formerNames(fs)
	if err := fs.Parse(args); err != nil {
		return 1
	}
	if *format != "sarif" {
		fmt.Fprintf(stderr, "buflint: unknown -format %q (only sarif; the default output needs no flag)\n", *format)
		return 1
	}
	var analyzers []*analysis.Analyzer
	for _, a := range all {
		if *enabled[a.Name] {
			analyzers = append(analyzers, a)
		}
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: *tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "buflint: %v\n", err)
		return 1
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		return 1
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "buflint: %v\n", err)
		return 1
	}
	cwd, _ := os.Getwd()
	log := newLog(all, cwd)
	seen := map[string]bool{} // a package and its test variant report shared files twice
	for _, act := range graph.Roots {
		if act.Err != nil {
			fmt.Fprintf(stderr, "buflint: %s: %v\n", act, act.Err)
			return 1
		}
		for _, d := range act.Diagnostics {
			key := fmt.Sprint(act.Analyzer.Name, act.Package.Fset.Position(d.Pos), d.Message)
			if !seen[key] {
				seen[key] = true
				log.add(act.Analyzer, act.Package.Fset, d)
			}
		}
	}
	if err := log.report.PrettyWrite(stdout); err != nil {
		fmt.Fprintf(stderr, "buflint: %v\n", err)
		return 1
	}
	if len(log.run.Results) > 0 {
		return 3
	}
	return 0
}

// sarifLog builds one run of buflint's results.
type sarifLog struct {
	report *sarif.Report
	run    *sarif.Run
	root   string // paths are written relative to it, under %SRCROOT%
}

// newLog starts a log with a SARIF rule per rule id of the analyzers' checks:
// the id is the findings' Category, the short description the rule's
// summary, the full description the check's whole documentation.
func newLog(analyzers []*analysis.Analyzer, root string) *sarifLog {
	run := sarif.NewRunWithInformationURI("buflint", informationURI)
	for _, a := range analyzers {
		for _, c := range rules.Checks {
			if c.Name != a.Name {
				continue
			}
			for _, r := range c.Rules {
				rule := run.AddRule(r.ID)
				rule.ShortDescription = &sarif.MultiformatMessageString{Text: ptr(r.Summary)}
				rule.FullDescription = &sarif.MultiformatMessageString{Text: ptr(a.Doc)}
				rule.HelpURI = ptr(a.URL + "#" + r.ID)
				rule.Name = ptr(r.ID)
			}
		}
	}
	srcroot := "file://" + filepath.ToSlash(root) + "/"
	base := sarif.NewArtifactLocation()
	base.URI = &srcroot
	run.OriginalUriBaseIds = map[string]sarif.ArtifactLocation{"%SRCROOT%": *base}
	report := sarif.NewReport()
	report.AddRun(run)
	return &sarifLog{report: report, run: run, root: root}
}

func (l *sarifLog) add(a *analysis.Analyzer, fset *token.FileSet, d analysis.Diagnostic) {
	id := d.Category
	if id == "" {
		id = a.Name // not expected: every buflint finding has a rule id
	}
	res := l.run.CreateResultForRule(id)
	res.Level = "warning"
	res.Message = sarif.NewTextMessage(d.Message)
	res.Locations = []*sarif.Location{l.location(fset, d.Pos, d.End, "")}
	res.RelatedLocations = []*sarif.Location{}
	for i, rel := range d.Related {
		loc := l.location(fset, rel.Pos, rel.End, rel.Message)
		loc.ID = i + 1
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	res.Fixes = []*sarif.Fix{}
	for _, fix := range d.SuggestedFixes {
		res.Fixes = append(res.Fixes, l.fix(fset, fix))
	}
}

func (l *sarifLog) artifact(file string) *sarif.ArtifactLocation {
	loc := sarif.NewArtifactLocation()
	loc.URI = ptr(filepath.ToSlash(file))
	if rel, err := filepath.Rel(l.root, file); err == nil && !strings.HasPrefix(rel, "..") {
		loc.URI, loc.URIBaseID = ptr(filepath.ToSlash(rel)), ptr("%SRCROOT%")
	}
	return loc
}

// region describes [pos, end) by line and column and by byte offset (Go's
// positions count bytes; SARIF's char offsets would count characters).
func region(fset *token.FileSet, pos, end token.Pos) *sarif.Region {
	if !end.IsValid() || end < pos {
		end = pos
	}
	p, e := fset.Position(pos), fset.Position(end)
	r := sarif.NewRegion()
	r.StartLine, r.StartColumn = ptr(p.Line), ptr(p.Column)
	r.ByteOffset, r.ByteLength = p.Offset, ptr(e.Offset-p.Offset)
	if end > pos {
		r.EndLine, r.EndColumn = ptr(e.Line), ptr(e.Column)
	}
	return r
}

func (l *sarifLog) location(fset *token.FileSet, pos, end token.Pos, msg string) *sarif.Location {
	loc := sarif.NewLocation()
	loc.PhysicalLocation = &sarif.PhysicalLocation{
		ArtifactLocation: l.artifact(fset.Position(pos).Filename),
		Region:           region(fset, pos, end),
	}
	if msg != "" {
		loc.Message = sarif.NewTextMessage(msg)
	}
	return loc
}

func (l *sarifLog) fix(fset *token.FileSet, fix analysis.SuggestedFix) *sarif.Fix {
	changes := map[string]*sarif.ArtifactChange{}
	var files []string
	for _, edit := range fix.TextEdits {
		file := fset.Position(edit.Pos).Filename
		ch, ok := changes[file]
		if !ok {
			ch = &sarif.ArtifactChange{ArtifactLocation: l.artifact(file)}
			changes[file] = ch
			files = append(files, file)
		}
		ch.Replacements = append(ch.Replacements, &sarif.Replacement{
			DeletedRegion:   region(fset, edit.Pos, edit.End),
			InsertedContent: &sarif.ArtifactContent{Text: ptr(string(edit.NewText))},
		})
	}
	out := &sarif.Fix{Description: sarif.NewTextMessage(fix.Message)}
	slices.Sort(files)
	for _, f := range files {
		out.ArtifactChanges = append(out.ArtifactChanges, changes[f])
	}
	return out
}

func ptr[T any](v T) *T { return &v }
