package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buflint/buflint/internal/bufltest"
)

const buggyGo = `package demo

import "github.com/buflint/buflint/buffer"

func Len(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	return b.Len()
}
`

const cleanGo = `package demo

import "github.com/buflint/buflint/buffer"

func Len(b *buffer.Buffer) int {
	b.Lock()
	defer b.Unlock()
	return b.Len()
}
`

// userModule makes a throwaway git repository holding a Go module that uses
// this repository's buffer package, with demo.go as given.
func userModule(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	gomod := "module example.com/demo\n\ngo 1.26.0\n\nrequire github.com/buflint/buflint v0.0.0\n\nreplace github.com/buflint/buflint => " +
		bufltest.ModuleRoot(t) + "\n"
	write(t, filepath.Join(dir, "go.mod"), gomod)
	write(t, filepath.Join(dir, "demo.go"), src)
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return dir
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func need(t *testing.T, tool, install string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Fatalf("%s is not installed; %s (.ci/run does this)", tool, install)
	}
	return path
}

// TestPreCommit runs this repository's hooks with pre-commit try-repo on a
// repository with a bug (the hook fails and shows the finding) and on a clean
// one (it passes), for the golang hook and the system one.
func TestPreCommit(t *testing.T) {
	preCommit := need(t, "pre-commit", "install it with apt-get install pre-commit")
	root := bufltest.ModuleRoot(t)
	home := t.TempDir() // pre-commit's cache of hook environments
	bin := filepath.Dir(bufltest.BuildBuflint(t))

	for _, hook := range []string{"buflint", "buflint-system"} {
		for _, c := range []struct {
			name, src string
			fail      bool
		}{{"buggy", buggyGo, true}, {"clean", cleanGo, false}} {
			dir := userModule(t, c.src)
			cmd := exec.Command(preCommit, "try-repo", root, hook, "--all-files", "--verbose")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+home, "PRE_COMMIT_COLOR=never")
			if hook == "buflint-system" {
				cmd.Env = append(cmd.Env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			}
			out, err := cmd.CombinedOutput()
			failed := err != nil
			if failed != c.fail {
				t.Errorf("%s on %s code: failed = %v, want %v\n%s", hook, c.name, failed, c.fail, out)
				continue
			}
			finding := strings.Contains(string(out), "unguarded: Buffer.Len called while b is unlocked")
			if finding != c.fail {
				t.Errorf("%s on %s code: finding shown = %v, want %v\n%s", hook, c.name, finding, c.fail, out)
			}
		}
	}
}
