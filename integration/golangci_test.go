package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buflint/buflint/internal/bufltest"
)

// golangciVersion is the golangci-lint the test builds with the plugin.
const golangciVersion = "v2.15.0"

// customMain is what "golangci-lint custom" generates, reduced to its
// essence: golangci-lint's own command entry point, with the plugin linked in.
const customMain = `package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/buflint/buflint/gclplugin"
)

func main() {
	info := commands.BuildInfo{Version: "` + golangciVersion + `-buflint", Commit: "custom", Date: "(test)", GoVersion: "go"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
`

// buildCustomGCL builds golangci-lint with buflint's plugin, as
// "golangci-lint custom" does but without cloning golangci-lint: a
// throwaway main module requires golangci-lint as a module.
func buildCustomGCL(t *testing.T) string {
	dir := t.TempDir()
	gomod := "module example.com/custom-gcl\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/golangci/golangci-lint/v2 " + golangciVersion +
		"\n\tgithub.com/buflint/buflint v0.0.0\n)\n\nreplace github.com/buflint/buflint => " + bufltest.ModuleRoot(t) + "\n"
	write(t, filepath.Join(dir, "go.mod"), gomod)
	write(t, filepath.Join(dir, "main.go"), customMain)
	bin := filepath.Join(dir, "custom-gcl")
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "-o", bin, "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, out)
		}
	}
	return bin
}

// TestGolangciLint builds a real golangci-lint v2 with the plugin and runs
// it: buflint's findings appear as (buflint) issues, --fix applies the
// suggested fix, and settings turn a check off. It downloads and builds
// golangci-lint (a few minutes on a fresh machine), so -short leaves it out.
func TestGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint from the module proxy (minutes); runs without -short, as CI does")
	}
	gcl := buildCustomGCL(t)
	src := filepath.Join(bufltest.ModuleRoot(t), "testdata", "golangci")
	env := append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir())

	lint := func(dir string, args ...string) (string, int) {
		cmd := exec.Command(gcl, append([]string{"run", "--output.text.path=stdout", "--show-stats=false"}, args...)...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("golangci-lint %v: %v", args, err)
		}
		return string(out), code
	}

	// Findings, tagged (buflint), exactly the // want markers.
	out, code := lint(src, "./...")
	if code != 1 {
		t.Fatalf("golangci-lint run: exit status %d, want 1 (issues found)\n%s", code, out)
	}
	var got []bufltest.Finding
	for _, f := range bufltest.ParseText(src, out) {
		if strings.Contains(f.Msg, "(related information)") {
			continue // golangci-lint shows related information as issues of their own
		}
		if strings.Contains(f.Msg, ": "+strings.SplitN(f.Msg, ": ", 2)[0]+": ") {
			t.Errorf("check name repeated in %q", f.Msg)
		}
		msg, ok := strings.CutSuffix(f.Msg, " (buflint)")
		if !ok {
			t.Errorf("issue not tagged (buflint): %v", f)
		}
		got = append(got, bufltest.Finding{File: f.File, Line: f.Line, Msg: msg})
	}
	for _, p := range bufltest.Match(got, bufltest.Wants(t, src)) {
		t.Errorf("golangci-lint: %s", p)
	}

	// Settings turn a check off.
	out, _ = lint(src, "-c", "no-resize.golangci.yml", "./...")
	if strings.Contains(out, "resize:") || !strings.Contains(out, "unguarded:") {
		t.Errorf("with disable: [resize], want unguarded but no resize issues:\n%s", out)
	}

	// --fix applies the leak's suggested fix, on a copy.
	work := t.TempDir()
	if err := os.CopyFS(work, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	gomod := strings.Replace(readFile(t, filepath.Join(work, "go.mod")), "=> ../..", "=> "+bufltest.ModuleRoot(t), 1)
	write(t, filepath.Join(work, "go.mod"), gomod)
	lint(work, "--fix", "./...")
	if fixed := readFile(t, filepath.Join(work, "leaky", "leaky.go")); !strings.Contains(fixed, "v := b.View() // want \"unpinned: view v is not released on the path that returns at line 28\"\n\tdefer v.Release()") &&
		!strings.Contains(fixed, "v := b.View()\n\tdefer v.Release()") {
		t.Errorf("--fix did not add the deferred Release:\n%s", fixed)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
