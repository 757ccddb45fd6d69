package integration

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/buflint/buflint/internal/bufltest"
)

// TestRealCode runs scripts/realcode.sh: buflint over the standard library
// and the large real modules the script lists, fetched through the module
// proxy. It fails if buflint panics, reports an internal error, or a module
// cannot be fetched or analyzed; the table it prints lists packages,
// findings (docs/real-world.md triages them), time and memory. -short leaves it out: it
// downloads several hundred modules on a fresh machine.
func TestRealCode(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches and analyzes large modules (minutes); runs without -short, as CI does")
	}
	cmd := exec.Command("bash", filepath.Join(bufltest.ModuleRoot(t), "scripts", "realcode.sh"))
	out, err := cmd.Output()
	t.Logf("\n%s", out)
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("scripts/realcode.sh: %v\n%s", err, stderr)
	}
}

// TestRealCodeTypeErrors runs scripts/realcode.sh on the module on disk
// testdata/typeerrors, as real modules are whose published zip lacks
// generated files: its package broken does not type-check, user imports it,
// and the test of badtest does not type-check. That is a normal outcome:
// the row counts 4 packages, 3 not analyzed (badtest only in its test), with
// the real time and memory (the figures GNU time writes after "Command
// exited with non-zero status 1"), and the script exits 0. Without ok and
// badtest the module is a failure: nothing was analyzed. The module requires
// nothing, and GOPROXY=off holds the test to that: it downloads nothing and
// runs under -short.
func TestRealCodeTypeErrors(t *testing.T) {
	root := bufltest.ModuleRoot(t)
	offline := append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off")
	mod := filepath.Join(t.TempDir(), "typeerrors")
	if err := os.CopyFS(mod, os.DirFS(filepath.Join("testdata", "typeerrors"))); err != nil {
		t.Fatal(err)
	}

	// buflint's own exit status, as README.md states it: 1 when a package
	// does not type-check, though the others were analyzed; with -json too,
	// whose output lists the packages skipped. (-test=false keeps the
	// testing package and its imports out of this quick check. Building
	// buflint here also puts in the module cache what the script's offline
	// build needs.)
	bin := bufltest.BuildBuflint(t)
	for _, args := range [][]string{{"-test=false", "./..."}, {"-json", "-test=false", "./..."}} {
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = mod, offline
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if code := exitCode(t, cmd.Run()); code != 1 {
			t.Errorf("buflint %s: exit status %d, want 1\n%s%s", strings.Join(args, " "), code, &stdout, &stderr)
		}
		if args[0] == "-json" {
			for _, want := range []string{`"example.com/typeerrors/broken": {`, `"example.com/typeerrors/user": {`, "analysis skipped due to errors in package"} {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("buflint -json: output lacks %s:\n%s", want, &stdout)
				}
			}
		}
	}

	script := filepath.Join(root, "scripts", "realcode.sh")
	run := func(target string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command("bash", script, target)
		cmd.Env = offline
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		code = exitCode(t, cmd.Run())
		t.Logf("scripts/realcode.sh %s: exit status %d\n%s%s", filepath.Base(target), code, &out, &errOut)
		return out.String(), errOut.String(), code
	}
	// The row: target, packages, not analyzed, findings, time, peak RSS.
	row := func(stdout string, pkgs, skipped int) {
		t.Helper()
		re := regexp.MustCompile(`(?m)^\| example\.com/typeerrors \| ` + strconv.Itoa(pkgs) + ` \| ` + strconv.Itoa(skipped) + ` \| 0 \| [0-9]+ s \| ([0-9]+) MiB \|$`)
		m := re.FindStringSubmatch(stdout)
		if m == nil {
			t.Errorf("no row matching %s in\n%s", re, stdout)
		} else if m[1] == "0" {
			t.Errorf("peak RSS 0 MiB: the figures of GNU time were not read\n%s", stdout)
		}
	}

	stdout, stderr, code := run(mod)
	if code != 0 {
		t.Errorf("some packages not analyzed: exit status %d, want 0", code)
	}
	row(stdout, 4, 3)
	if !strings.Contains(stderr, "note: example.com/typeerrors: 3 of 4 packages not analyzed") {
		t.Errorf("stderr lacks the note on the packages not analyzed:\n%s", stderr)
	}
	if strings.Contains(stderr, "invalid number") {
		t.Errorf("the row was printed from a line that is not the figures:\n%s", stderr)
	}

	for _, pkg := range []string{"ok", "badtest"} {
		if err := os.RemoveAll(filepath.Join(mod, pkg)); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr, code = run(mod)
	if code != 1 {
		t.Errorf("no package analyzed: exit status %d, want 1", code)
	}
	row(stdout, 2, 2)
	if !strings.Contains(stderr, "buflint analyzed no package of example.com/typeerrors") {
		t.Errorf("stderr does not say that nothing was analyzed:\n%s", stderr)
	}
}

// exitCode is the exit status of a command run with err as its result.
func exitCode(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	t.Fatal(err)
	return -1
}
