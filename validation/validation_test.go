package validation

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/buflint/buflint/internal/bufltest"
)

var update = flag.Bool("update", false, "rewrite docs/validation.md from this run")

// regenerate is the command that rewrites the table, as the table states it.
const regenerate = "go test ./validation -run TestValidation -update"

// A row is one variant (bug or fixed) of one scenario.
type row struct {
	scenario, variant string
	findings          []bufltest.Finding
	rules             []*rule
	staticOnly        string // the scenario's reason, if it says it cannot fail at run time
	knownMissed       string // the reason buflint cannot see a "missed" variant's bug
	observed          []Outcome
	verdict           string
	ok                bool
}

func TestValidation(t *testing.T) {
	root := bufltest.ModuleRoot(t)
	dir := filepath.Join(root, "testdata", "scenarios")

	// 1. Static: buflint's findings must be exactly the scenarios' // want markers.
	bin := bufltest.BuildBuflint(t)
	stdout, stderr, code := bufltest.Run(t, dir, bin, "-json", "./...")
	if code != 0 {
		t.Fatalf("buflint -json ./... exit status %d, want 0\n%s%s", code, stdout, stderr)
	}
	findings := bufltest.ParseJSON(t, dir, stdout)
	for _, p := range bufltest.Match(findings, bufltest.Wants(t, dir)) {
		t.Errorf("static: %s", p)
	}

	// 2. Dynamic: every scenario's test binary, built with -race -tags bufcheck.
	bins := t.TempDir()
	build := exec.Command("go", "test", "-c", "-race", "-tags", "bufcheck", "-o", bins+string(filepath.Separator), "./...")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building scenario tests: %v\n%s", err, out)
	}
	// A scenario whose test file asks for a GOEXPERIMENT (cgocheck2, which
	// checks every store of a Go pointer into C memory) is built again
	// with it: the others keep the ordinary runtime.
	for _, sc := range scenarios(t, dir) {
		data, _ := os.ReadFile(filepath.Join(dir, sc, "scenario_test.go"))
		if exp := regexp.MustCompile(`(?m)^// goexperiment: (\S+)$`).FindSubmatch(data); exp != nil {
			build := exec.Command("go", "test", "-c", "-race", "-tags", "bufcheck", "-o", bins+string(filepath.Separator), "./"+sc)
			build.Dir = dir
			build.Env = append(os.Environ(), "GOEXPERIMENT="+string(exp[1]))
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("building %s with GOEXPERIMENT=%s: %v\n%s", sc, exp[1], err, out)
			}
		}
	}

	var rows []*row
	for _, sc := range scenarios(t, dir) {
		for _, variant := range []string{"bug", "fixed", "missed"} {
			src := filepath.Join(dir, sc, variant+".go")
			data, err := os.ReadFile(src)
			if err != nil {
				continue // a scenario may have no bug twin
			}
			r := &row{scenario: sc, variant: variant,
				staticOnly: markedReason(string(data), "static-only"), knownMissed: markedReason(string(data), "known-missed")}
			for _, f := range findings {
				if f.File == sc+"/"+variant+".go" {
					r.findings = append(r.findings, f)
					ru := ruleOf(f.Category)
					if ru == nil {
						t.Errorf("%s: rule %q has no predicted outcome", f, f.Category)
					} else if !slices.Contains(r.rules, ru) {
						r.rules = append(r.rules, ru)
					}
				}
			}
			out, exit := runScenario(t, filepath.Join(bins, sc+".test"), "Test"+strings.ToUpper(variant[:1])+variant[1:])
			r.observed = classify(out, exit)
			judge(r)
			t.Logf("%s/%s: %d findings, observed %v: %s", sc, variant, len(r.findings), r.observed, r.verdict)
			if !r.ok {
				t.Errorf("%s/%s: %s\n%s", sc, variant, r.verdict, tail(out, 40))
			}
			rows = append(rows, r)
		}
	}

	// 3. The committed table.
	table := render(rows)
	path := filepath.Join(root, "docs", "validation.md")
	if *update {
		if err := os.WriteFile(path, []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	committed, err := os.ReadFile(path)
	if err != nil || string(committed) != table {
		t.Errorf("docs/validation.md is stale; regenerate it with:\n\t%s\nwant:\n%s", regenerate, table)
	}
}

// judge decides whether the two halves agree on a row.
func judge(r *row) {
	switch {
	case r.variant == "missed":
		// A bug buflint is known not to see: the run must still show it,
		// or the scenario demonstrates nothing.
		r.ok = r.knownMissed != "" && len(r.findings) == 0 && !slices.Equal(r.observed, []Outcome{Clean})
		r.verdict = "known gap: buflint is silent, the run fails: " + firstSentence(r.knownMissed)
		if !r.ok {
			r.verdict = fmt.Sprintf("DISAGREE: a missed variant needs a known-missed reason, no finding, and a failing run; got %d findings, run showed %s", len(r.findings), join(r.observed))
		}
	case len(r.findings) == 0:
		r.ok = slices.Equal(r.observed, []Outcome{Clean})
		r.verdict = "agree: no finding, runs clean"
		if !r.ok {
			r.verdict = fmt.Sprintf("DISAGREE: no finding, but the run showed %s", join(r.observed))
		}
	case r.staticOnly != "":
		r.ok = true
		r.verdict = "static only: " + firstSentence(r.staticOnly)
	default:
		var predicted []Outcome
		for _, ru := range r.rules {
			predicted = append(predicted, ru.predicts...)
		}
		r.ok = slices.ContainsFunc(r.observed, func(o Outcome) bool { return slices.Contains(predicted, o) })
		r.verdict = "agree: the run failed as the rule predicts"
		if !r.ok {
			r.verdict = fmt.Sprintf("DISAGREE: the rules predict %s, the run showed %s", join(predicted), join(r.observed))
		}
	}
}

// runScenario runs one test of a scenario binary, in -short mode when the
// harness itself runs short, and returns its combined output and exit status.
func runScenario(t *testing.T, bin, test string) (string, int) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := []string{"-test.run", "^" + test + "$", "-test.count", "1"}
	if testing.Short() {
		args = append(args, "-test.short")
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = filepath.Dir(bin)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("running %s %s: %v", bin, test, err)
	return "", 0
}

// scenarios lists the scenario packages: directories with a scenario_test.go.
func scenarios(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "scenario_test.go")); e.IsDir() && err == nil {
			out = append(out, e.Name())
		}
	}
	if len(out) == 0 {
		t.Fatal("no scenarios found")
	}
	return out
}

// markedReason returns the reason a scenario gives in a "// marker: ..."
// comment (which may go on over following comment lines): "static-only" for
// a bug that cannot be made to fail at run time, "known-missed" for one that
// buflint cannot see.
func markedReason(src, marker string) string {
	re := regexp.MustCompile(`(?s)// ` + regexp.QuoteMeta(marker) + `: (.*?)\n(?:[^/]|$)`)
	m := re.FindStringSubmatch(src)
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(m[1], "//", "")), " ")
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

func join(os []Outcome) string {
	var s []string
	for _, o := range os {
		s = append(s, string(o))
	}
	return strings.Join(s, " or ")
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// render writes the table. It records what is stable from run to run: the
// rules found, and for each row the class of outcome that confirmed it; the
// exact outcomes of a run are in the test's log (go test -v).
func render(rows []*row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Validation: static findings against the checked runtime\n\n")
	fmt.Fprintf(&b, "Generated by `%s`; do not edit. A test fails when this table is stale.\n\n", regenerate)
	fmt.Fprintf(&b, "Each scenario in `testdata/scenarios` is run through buflint and, concurrently, under\n")
	fmt.Fprintf(&b, "`-race -tags bufcheck`. A variant with findings must fail at run time in a way its rule\n")
	fmt.Fprintf(&b, "predicts; a variant without findings must run clean. \"Dynamic outcome\" names the\n")
	fmt.Fprintf(&b, "outcomes that confirm the row; the outcomes of a particular run are in the test's log.\n\n")
	fmt.Fprintf(&b, "| Scenario | Variant | Rule | buflint | Dynamic outcome | Verdict |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|\n")
	for _, r := range rows {
		var ruleNames []string
		var confirm []Outcome
		for _, ru := range r.rules {
			ruleNames = append(ruleNames, ru.id)
			for _, o := range ru.predicts {
				if slices.Contains(r.observed, o) && !slices.Contains(confirm, o) {
					confirm = append(confirm, o)
				}
			}
		}
		verdictRules := strings.Join(ruleNames, ", ")
		if verdictRules == "" {
			verdictRules = "—"
		}
		static := "clean"
		if n := len(r.findings); n > 0 {
			static = fmt.Sprintf("%d finding", n)
			if n > 1 {
				static += "s"
			}
		}
		dynamic := join(r.observed)
		if len(r.findings) > 0 && r.staticOnly == "" && len(confirm) > 0 {
			dynamic = predictedOf(r.rules)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.scenario, r.variant, verdictRules, static, dynamic, r.verdict)
	}
	return b.String()
}

// predictedOf names the outcome classes the rules predict, for the table.
func predictedOf(rs []*rule) string {
	var os []Outcome
	for _, r := range rs {
		for _, o := range r.predicts {
			if !slices.Contains(os, o) {
				os = append(os, o)
			}
		}
	}
	return join(os)
}
