package validation

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/buflint/buflint/internal/bufltest"
)

var (
	updateDetected = flag.Bool("update-detected", false, "rewrite testdata/upstream/detected.txt from this run")
	recallRuns     = flag.Int("recall", 0, "run each harness this many times and rewrite docs/recall.md (10 for the table)")
	checklocksBin  = flag.String("checklocks", "", "with -recall: a gVisor checklocks vettool binary for its column")
	// checklocksVersion names where the binary came from, for the table.
	checklocksVersion = flag.String("checklocks-version", "", "with -checklocks: the module version it was built from")
)

// regenerateRecall is the command that rewrites docs/recall.md, as the
// table states it.
const regenerateRecall = "go test ./validation -run TestUpstream -recall 10 [-checklocks path/to/checklocks -checklocks-version V]"

// An upstream bug is one folder of testdata/upstream: a bug a real project
// fixed, reproduced (bad/) next to its fix (good/).
type upstreamBug struct {
	ID        string `json:"-"`
	Project   string `json:"project"`
	Issue     string `json:"issue"`
	Fix       string `json:"fix"`
	Family    string `json:"family"`
	Harness   string `json:"harness"`
	NoHarness string `json:"no_harness"`
}

var (
	families = []string{"guarded", "alias", "handoff", "pool", "unsafe"}
	harness  = []string{"race", "content", "checkptr", "cgocheck2", "none"}
)

// TestUpstream measures buflint on the corpus of upstream-fixed bugs and
// keeps the measure honest:
//   - every bug detected.txt lists is still detected, by the rules it
//     lists, and no other bug is (detections change in the commit of the
//     analyzer change that earns them: -update-detected);
//   - no fix (good/) raises a finding;
//   - each harness fails on bad and passes on good (a bug without a
//     reliable harness passes on both), and both sides share one harness;
//   - docs/recall.md says what this run found.
func TestUpstream(t *testing.T) {
	root := bufltest.ModuleRoot(t)
	dir := filepath.Join(root, "testdata", "upstream")
	bugs := loadUpstream(t, dir)

	bin := bufltest.BuildBuflint(t)
	stdout, stderr, code := bufltest.Run(t, dir, bin, "-json", "./...")
	if code != 0 {
		t.Fatalf("buflint -json ./... exit status %d, want 0\n%s", code, stderr)
	}
	got, good := detections(bugs, bufltest.ParseJSON(t, dir, stdout))
	for _, f := range good {
		t.Errorf("a fix raises a finding: %v", f)
	}
	detectedPath := filepath.Join(dir, "detected.txt")
	if *updateDetected {
		writeDetected(t, detectedPath, got)
	}
	want := readDetected(t, detectedPath)
	for _, b := range bugs {
		w, g := want[b.ID], got[b.ID]
		switch {
		case len(w) > 0 && len(g) == 0:
			t.Errorf("%s: no longer detected (detected.txt: %s)", b.ID, strings.Join(w, " "))
		case !slices.Equal(w, g):
			t.Errorf("%s: detected by %v, detected.txt says %v; rerun with -update-detected in the commit that earns it", b.ID, g, w)
		}
	}

	runs := max(*recallRuns, 1)
	outcomes := runHarnesses(t, dir, bugs, runs)
	tries := map[string]int{}
	for _, b := range bugs {
		tries[b.ID] = runs
	}
	if *recallRuns == 0 {
		rerunMissed(t, dir, bugs, outcomes, tries)
	}
	for _, b := range bugs {
		o, n := outcomes[b.ID], tries[b.ID]
		switch {
		case b.Harness == "none" && (o.bad > 0 || o.good > 0):
			t.Errorf("%s: no harness is reliable, yet it failed (bad %d, good %d of %d): say which", b.ID, o.bad, o.good, n)
		case b.Harness != "none" && o.bad == 0:
			t.Errorf("%s: the %s harness passed on bad in %d runs", b.ID, b.Harness, n)
		case o.good > 0:
			t.Errorf("%s: the %s harness failed on good in %d of %d runs", b.ID, b.Harness, o.good, n)
		}
	}

	recallPath := filepath.Join(root, "docs", "recall.md")
	if *recallRuns > 0 {
		vet := vetFindings(t, dir, bugs)
		locks := checklocksFindings(t, dir, bugs)
		table := recallTable(bugs, got, vet, locks, outcomes, runs)
		if err := os.WriteFile(recallPath, []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checkRecallDoc(t, recallPath, bugs, got)
}

// loadUpstream reads the corpus: one folder per bug, with a well-formed
// bug.json and one harness file shared by both sides.
func loadUpstream(t *testing.T, dir string) []upstreamBug {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var bugs []upstreamBug
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		b := upstreamBug{ID: e.Name()}
		data, err := os.ReadFile(filepath.Join(dir, b.ID, "bug.json"))
		if err == nil {
			err = json.Unmarshal(data, &b)
		}
		if err != nil {
			t.Errorf("%s: bug.json: %v", b.ID, err)
			continue
		}
		if b.Project == "" || !strings.HasPrefix(b.Issue, "https://") || !strings.HasPrefix(b.Fix, "https://") ||
			!slices.Contains(families, b.Family) || !slices.Contains(harness, b.Harness) || (b.Harness == "none") != (b.NoHarness != "") {
			t.Errorf("%s: bug.json incomplete: %+v", b.ID, b)
		}
		bad, errBad := os.ReadFile(filepath.Join(dir, b.ID, "bad", "repro_test.go"))
		good, errGood := os.ReadFile(filepath.Join(dir, b.ID, "good", "repro_test.go"))
		if errBad != nil || errGood != nil || !bytes.Equal(bad, good) {
			t.Errorf("%s: bad/repro_test.go and good/repro_test.go must be the same harness", b.ID)
		}
		bugs = append(bugs, b)
	}
	if len(bugs) == 0 {
		t.Fatal("no bugs in the corpus")
	}
	return bugs
}

// detections returns, per bug, the rules of the findings on its bad
// variant (sorted, each once), and the findings on good variants.
func detections(bugs []upstreamBug, findings []bufltest.Finding) (map[string][]string, []bufltest.Finding) {
	got := map[string][]string{}
	var good []bufltest.Finding
	for _, f := range findings {
		id, side, _ := strings.Cut(f.File, "/")
		switch {
		case strings.HasPrefix(side, "bad/"):
			if !slices.Contains(got[id], f.Category) {
				got[id] = append(got[id], f.Category)
			}
		case strings.HasPrefix(side, "good/"):
			good = append(good, f)
		}
	}
	for id := range got {
		slices.Sort(got[id])
	}
	return got, good
}

// readDetected reads detected.txt: "id rule..." per detected bug.
func readDetected(t *testing.T, path string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		out[fields[0]] = fields[1:]
	}
	return out
}

func writeDetected(t *testing.T, path string, got map[string][]string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("# The upstream bugs buflint detects, and the rules that fire on bad/.\n")
	b.WriteString("# TestUpstream fails when this differs from a run; change it in the\n")
	b.WriteString("# commit of the analyzer change that earns it (-update-detected).\n")
	for _, id := range slices.Sorted(mapsKeys(got)) {
		fmt.Fprintf(&b, "%s %s\n", id, strings.Join(got[id], " "))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// extraTries is how many more runs a harness gets, outside -recall, when
// its single run passed on bad.
const extraTries = 2

// rerunMissed runs again, up to extraTries times, the harnesses that
// passed on bad. Whether the race detector sees a race depends on how the
// goroutines were scheduled, and a loaded machine can serialize them for a
// whole run; a harness broken for good still passes every run. The
// reruns count on both sides: a fix that fails on a rerun is reported.
// -recall counts its runs as they come, so the table shows how reliable
// each harness is.
func rerunMissed(t *testing.T, dir string, bugs []upstreamBug, outcomes map[string]outcome, tries map[string]int) {
	t.Helper()
	for range extraTries {
		var missed []upstreamBug
		for _, b := range bugs {
			if b.Harness != "none" && outcomes[b.ID].bad == 0 {
				missed = append(missed, b)
			}
		}
		if len(missed) == 0 {
			return
		}
		again := runHarnesses(t, dir, missed, 1)
		for _, b := range missed {
			o, a := outcomes[b.ID], again[b.ID]
			outcomes[b.ID] = outcome{bad: o.bad + a.bad, good: o.good + a.good}
			tries[b.ID]++
		}
	}
}

// outcome counts the failed runs of a bug's harness on each side.
type outcome struct{ bad, good int }

// runHarnesses runs every harness runs times on both sides, under -race
// (which turns on -d=checkptr), with GOEXPERIMENT=cgocheck2 for the bugs
// whose harness is cgocheck2.
func runHarnesses(t *testing.T, dir string, bugs []upstreamBug, runs int) map[string]outcome {
	t.Helper()
	var plain, cgo []string
	for _, b := range bugs {
		pkgs := []string{"./" + b.ID + "/bad", "./" + b.ID + "/good"}
		if b.Harness == "cgocheck2" {
			cgo = append(cgo, pkgs...)
		} else {
			plain = append(plain, pkgs...)
		}
	}
	out := map[string]outcome{}
	for i := 0; i < runs; i++ {
		for _, set := range []struct {
			pkgs []string
			env  []string
		}{{plain, nil}, {cgo, []string{"GOEXPERIMENT=cgocheck2"}}} {
			if len(set.pkgs) == 0 {
				continue
			}
			for pkg, failed := range goTest(t, dir, set.env, set.pkgs) {
				rel := strings.TrimPrefix(pkg, "example.com/upstream/")
				id, side, _ := strings.Cut(rel, "/")
				o := out[id]
				if failed && side == "bad" {
					o.bad++
				} else if failed {
					o.good++
				}
				out[id] = o
			}
		}
	}
	return out
}

// goTest runs go test -race -json on pkgs and reports, per package,
// whether it failed.
func goTest(t *testing.T, dir string, env, pkgs []string) map[string]bool {
	t.Helper()
	cmd := exec.Command("go", append([]string{"test", "-race", "-count=1", "-json"}, pkgs...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run() // failures are the point; the events say which
	out := map[string]bool{}
	dec := json.NewDecoder(&stdout)
	for {
		var ev struct{ Action, Package, Test, FailedBuild string }
		if err := dec.Decode(&ev); err != nil {
			break
		}
		if ev.FailedBuild != "" {
			t.Fatalf("%s does not build\n%s", ev.FailedBuild, stderr.String())
		}
		if ev.Test == "" && (ev.Action == "pass" || ev.Action == "fail") {
			out[ev.Package] = ev.Action == "fail"
		}
	}
	if len(out) != len(pkgs) {
		t.Fatalf("go test %v: %d results for %d packages\n%s", pkgs, len(out), len(pkgs), stderr.String())
	}
	return out
}
