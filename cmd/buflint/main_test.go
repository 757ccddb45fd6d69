package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/buflint/buflint/internal/bufltest"
)

func examplesDir(t *testing.T) string {
	return filepath.Join(bufltest.ModuleRoot(t), "testdata", "examples")
}

func wants(t *testing.T, dir string) []bufltest.Want {
	ws := bufltest.Wants(t, dir)
	if len(ws) == 0 {
		t.Fatal("no // want markers: the test would check nothing")
	}
	return ws
}

func match(t *testing.T, mode string, got []bufltest.Finding, ws []bufltest.Want) {
	t.Helper()
	for _, p := range bufltest.Match(got, ws) {
		t.Errorf("%s: %s", mode, p)
	}
}

var (
	run          = bufltest.Run
	buildBuflint = func(t *testing.T) string { return bufltest.BuildBuflint(t) }
	parseText    = func(_ *testing.T, dir, out string) []bufltest.Finding { return bufltest.ParseText(dir, out) }
)

func TestStandaloneAndVet(t *testing.T) {
	bin := buildBuflint(t)
	dir := examplesDir(t)
	ws := wants(t, dir)

	stdout, stderr, code := run(t, dir, bin, "./...")
	if code != 3 {
		t.Errorf("buflint ./... exit status = %d, want 3 (findings)\n%s%s", code, stdout, stderr)
	}
	match(t, "standalone", parseText(t, dir, stdout+stderr), ws)

	stdout, stderr, code = run(t, dir, "go", "vet", "-vettool="+bin, "./...")
	if code != 1 {
		t.Errorf("go vet -vettool exit status = %d, want 1\n%s%s", code, stdout, stderr)
	}
	match(t, "go vet", parseText(t, dir, stdout+stderr), ws)
}

func TestJSON(t *testing.T) {
	bin := buildBuflint(t)
	dir := examplesDir(t)
	for _, mode := range [][]string{{bin, "-json", "./..."}, {"go", "vet", "-json", "-vettool=" + bin, "./..."}} {
		stdout, stderr, code := run(t, dir, mode[0], mode[1:]...)
		if code != 0 {
			t.Errorf("%v: exit status %d, want 0 with -json\n%s", mode, code, stderr)
		}
		out := stdout + stderr // go vet may interleave "# pkg" header lines
		counts := map[string]int{}
		dec := json.NewDecoder(strings.NewReader(stripHeaders(out)))
		for dec.More() {
			var tree map[string]map[string]json.RawMessage
			if err := dec.Decode(&tree); err != nil {
				t.Fatalf("%v: bad JSON: %v\n%s", mode, err, out)
			}
			for _, analyzers := range tree {
				for name, raw := range analyzers {
					var diags []struct {
						Posn    string `json:"posn"`
						Message string `json:"message"`
					}
					if json.Unmarshal(raw, &diags) == nil {
						counts[name] += len(diags)
					}
				}
			}
		}
		for _, name := range []string{"unguarded", "resize", "unpinned"} {
			if counts[name] == 0 {
				t.Errorf("%v: no %s diagnostics in JSON output (counts %v)", mode, name, counts)
			}
		}
	}
}

// stripHeaders drops the "# package" lines go vet writes between JSON trees.
func stripHeaders(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

func TestDisableFlag(t *testing.T) {
	bin := buildBuflint(t)
	dir := examplesDir(t)
	stdout, stderr, _ := run(t, dir, bin, "-unpinned=false", "./...")
	got := parseText(t, dir, stdout+stderr)
	if len(got) == 0 {
		t.Fatal("-unpinned=false silenced every check")
	}
	for _, f := range got {
		if strings.HasPrefix(f.Msg, "unpinned:") {
			t.Errorf("-unpinned=false still reported %v", f)
		}
	}
}

func TestDiff(t *testing.T) {
	bin := buildBuflint(t)
	dir := examplesDir(t)
	stdout, stderr, _ := run(t, dir, bin, "-fix", "-diff", "./hashing")
	if !strings.Contains(stdout, "+\tdefer v.Release()") {
		t.Errorf("-fix -diff did not offer the deferred Release:\n%s%s", stdout, stderr)
	}
	// -diff must leave the file untouched.
	data, err := os.ReadFile(filepath.Join(dir, "hashing", "hash.go"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "defer v.Release()") {
		t.Fatal("-diff modified the source")
	}
}

// TestRobust runs buflint over code that must not make it panic: a package
// that does not type-check, cgo, a generated file, generics and interfaces.
func TestRobust(t *testing.T) {
	bin := buildBuflint(t)
	dir := filepath.Join(bufltest.ModuleRoot(t), "testdata", "robust")

	stdout, stderr, code := run(t, dir, bin, "./typeerr")
	out := stdout + stderr
	if code != 1 || !strings.Contains(out, "typeerr.go:8") || !strings.Contains(out, "Length") {
		t.Errorf("on a type error: exit status %d, want 1 and the error's position and cause:\n%s", code, out)
	}
	if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
		t.Errorf("buflint panicked on a type error:\n%s", out)
	}

	stdout, stderr, code = run(t, dir, bin, "./withcgo", "./generated", "./generic")
	if code != 3 {
		t.Errorf("exit status %d, want 3:\n%s%s", code, stdout, stderr)
	}
	var ws []bufltest.Want
	for _, w := range wants(t, dir) {
		if !strings.HasPrefix(w.File, "typeerr/") {
			ws = append(ws, w)
		}
	}
	match(t, "robust", parseText(t, dir, stdout+stderr), ws)
}

// TestSARIF checks -sarif output against the SARIF 2.1.0 JSON schema (the
// copy go-sarif embeds, as published by OASIS) and its content: a rule with
// a help URI per check, every expected finding as a result at its place,
// related locations at the release sites, and the leak fix.
func TestSARIF(t *testing.T) {
	bin := buildBuflint(t)
	dir := examplesDir(t)
	stdout, stderr, code := run(t, dir, bin, "-sarif", "./...")
	if code != 3 {
		t.Fatalf("buflint -sarif: exit status %d, want 3\n%s", code, stderr)
	}
	report, err := sarif.FromBytes([]byte(stdout), sarif.WithStrictValidation())
	if err != nil {
		t.Fatalf("parsing SARIF: %v", err)
	}
	if err := report.Validate(); err != nil {
		t.Fatalf("SARIF does not validate against the 2.1.0 schema: %v", err)
	}
	if report.Version != "2.1.0" || len(report.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one run", report.Version, len(report.Runs))
	}
	runLog := report.Runs[0]
	rules := map[string]bool{}
	for _, r := range runLog.Tool.Driver.Rules {
		if r.HelpURI == nil || !strings.HasPrefix(*r.HelpURI, "https://") {
			t.Errorf("rule %s has no help URI", *r.ID)
		}
		if r.FullDescription == nil || !strings.Contains(*r.FullDescription.Text, *r.ID) {
			t.Errorf("rule %s: the full description, the check's documentation, does not list it", *r.ID)
		}
		rules[*r.ID] = true
	}
	for _, id := range []string{"unguarded/access", "resize/exported", "unpinned/after-unlock", "unpinned/leaked-view", "ignores/malformed"} {
		if !rules[id] {
			t.Errorf("no rule %s", id)
		}
	}

	var got []bufltest.Finding
	related, fixes := 0, 0
	for _, res := range runLog.Results {
		if res.RuleID == nil || !rules[*res.RuleID] || !strings.HasPrefix(*res.Message.Text, strings.Split(*res.RuleID, "/")[0]+":") {
			t.Errorf("result with rule %v does not match its message %q", res.RuleID, *res.Message.Text)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID == nil || *loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("location %s is not relative to %%SRCROOT%%", *loc.ArtifactLocation.URI)
		}
		got = append(got, bufltest.Finding{File: *loc.ArtifactLocation.URI, Line: *loc.Region.StartLine, Msg: *res.Message.Text})
		for _, rel := range res.RelatedLocations {
			if rel.Message == nil || rel.PhysicalLocation.Region.StartLine == nil {
				t.Errorf("related location without message or line in %q", *res.Message.Text)
			}
			related++
		}
		for _, fix := range res.Fixes {
			for _, ch := range fix.ArtifactChanges {
				for _, rep := range ch.Replacements {
					if strings.Contains(*rep.InsertedContent.Text, "defer v.Release()") {
						fixes++
					}
				}
			}
		}
	}
	match(t, "sarif", got, wants(t, dir))
	if related < len(got) {
		t.Errorf("%d related locations for %d results: every finding should point at its release site", related, len(got))
	}
	if fixes == 0 {
		t.Error("the leak's fix (defer v.Release()) is missing from the SARIF fixes")
	}
}
