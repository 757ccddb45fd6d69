package validation

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/buflint/buflint/internal/bufltest"
)

// vetFindings returns, per bug, go vet's findings (its default analyzers)
// on the bad variant's code, the harness left out.
func vetFindings(t *testing.T, dir string, bugs []upstreamBug) map[string][]string {
	t.Helper()
	return toolFindings(t, dir, bugs, "go", "vet")
}

// checklocksFindings returns gVisor checklocks' findings on the bad
// variants, run unannotated as a go vet tool; nil when no binary was given.
func checklocksFindings(t *testing.T, dir string, bugs []upstreamBug) map[string][]string {
	t.Helper()
	if *checklocksBin == "" {
		return nil
	}
	return toolFindings(t, dir, bugs, "go", "vet", "-vettool="+*checklocksBin)
}

// toolFindings runs a vet-like command over the corpus and keeps, by bug,
// the findings in bad/repro.go whose message no finding in good/repro.go
// has: what the tool says of the bug, not of code the fix kept
// (checklocks, unannotated, suggests annotations on both sides).
func toolFindings(t *testing.T, dir string, bugs []upstreamBug, name string, args ...string) map[string][]string {
	t.Helper()
	cmd := exec.Command(name, append(args, "./...")...)
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput() // findings make it exit non-zero
	bad, good := map[string][]string{}, map[string][]string{}
	for _, f := range bufltest.ParseText(dir, string(out)) {
		switch id, file, _ := strings.Cut(f.File, "/"); file {
		case "bad/repro.go":
			bad[id] = append(bad[id], f.Msg)
		case "good/repro.go":
			good[id] = append(good[id], f.Msg)
		}
	}
	found := map[string][]string{}
	for id, msgs := range bad {
		for _, m := range msgs {
			if !slices.Contains(good[id], m) {
				found[id] = append(found[id], m)
			}
		}
	}
	return found
}

// recallTable renders docs/recall.md.
func recallTable(bugs []upstreamBug, got, vet, locks map[string][]string, outcomes map[string]outcome, runs int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# Recall on upstream-fixed bugs

Each row is a bug that a public Go project fixed, reproduced in
[testdata/upstream](../testdata/upstream) (its folder has the links, the
fix commit, the shape and the harness). The columns say whether each tool
reports the buggy code (bad/repro.go):

- **buflint**: the rules that fire (none fires on any fix: TestUpstream
  checks it);
- **go vet**: its default analyzers;
- **harness**: the dynamic check the bug's harness relies on, and in how
  many of %d runs it failed on the bug; every fix passed every run.
  "race" is the race detector (go test -race), "content" a check of the
  bytes the code returned, "checkptr" the -d=checkptr instrumentation that
  -race turns on, "cgocheck2" the GOEXPERIMENT=cgocheck2 runtime;
- **checklocks**: gVisor's checklocks (%s), run as a vet tool on
  the code as it is, without annotations; a finding counts when the fix
  does not raise the same message (unannotated, it suggests annotations on
  both sides).

Regenerate with %s.

| bug | family | buflint | go vet | harness (bad fails / %d) | checklocks |
|---|---|---|---|---|---|
`, runs, checklocksFrom(), "`"+regenerateRecall+"`", runs)
	type total struct{ n, buflint, vet, harness, locks int }
	totals := map[string]*total{}
	for _, fam := range families {
		totals[fam] = &total{}
	}
	for _, bug := range bugs {
		t := totals[bug.Family]
		t.n++
		cell := func(found []string, count *int) string {
			if len(found) == 0 {
				return "no"
			}
			*count++
			return "yes"
		}
		bl := "no"
		if rules := got[bug.ID]; len(rules) > 0 {
			t.buflint++
			bl = "yes: " + strings.Join(rules, ", ")
		}
		h := fmt.Sprintf("%s: %d/%d", bug.Harness, outcomes[bug.ID].bad, runs)
		if bug.Harness == "none" {
			h = "none (see its README)"
		} else if outcomes[bug.ID].bad > 0 {
			t.harness++
		}
		cl := "not run"
		if locks != nil {
			cl = cell(locks[bug.ID], &t.locks)
		}
		fmt.Fprintf(&b, "| [%s](../testdata/upstream/%s) | %s | %s | %s | %s | %s |\n",
			bug.ID, bug.ID, bug.Family, bl, cell(vet[bug.ID], &t.vet), h, cl)
	}
	b.WriteString("\n## Totals per family\n\n| family | bugs | buflint | go vet | harness | checklocks |\n|---|---:|---:|---:|---:|---:|\n")
	var all total
	for _, fam := range families {
		t := totals[fam]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %s |\n", fam, t.n, t.buflint, t.vet, t.harness, lockTotal(locks, t.locks))
		all.n, all.buflint, all.vet, all.harness, all.locks = all.n+t.n, all.buflint+t.buflint, all.vet+t.vet, all.harness+t.harness, all.locks+t.locks
	}
	fmt.Fprintf(&b, "| all | %d | %d | %d | %d | %s |\n", all.n, all.buflint, all.vet, all.harness, lockTotal(locks, all.locks))
	return b.String()
}

func lockTotal(locks map[string][]string, n int) string {
	if locks == nil {
		return "not run"
	}
	return fmt.Sprint(n)
}

var recallRow = regexp.MustCompile(`(?m)^\| \[([^\]]+)\]\([^)]*\) \| [a-z]+ \| ([^|]+) \|`)

// checkRecallDoc checks that docs/recall.md has a row for every bug, and
// that its buflint column says what this run found.
func checkRecallDoc(t *testing.T, path string, bugs []upstreamBug, got map[string][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (regenerate with %s)", err, regenerateRecall)
	}
	rows := map[string]string{}
	for _, m := range recallRow.FindAllStringSubmatch(string(data), -1) {
		rows[m[1]] = strings.TrimSpace(m[2])
	}
	for _, b := range bugs {
		want := "no"
		if rules := got[b.ID]; len(rules) > 0 {
			want = "yes: " + strings.Join(rules, ", ")
		}
		if row, ok := rows[b.ID]; !ok || row != want {
			t.Errorf("docs/recall.md is stale for %s: buflint column %q, this run %q; regenerate with %s", b.ID, row, want, regenerateRecall)
		}
	}
	if len(rows) != len(bugs) {
		t.Errorf("docs/recall.md has %d rows for %d bugs; regenerate with %s", len(rows), len(bugs), regenerateRecall)
	}
}

// checklocksFrom says which checklocks the table's column comes from.
func checklocksFrom() string {
	if *checklocksVersion == "" {
		return "not run"
	}
	return "built from " + *checklocksVersion
}
