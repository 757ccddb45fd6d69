package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/buflint/buflint/internal/bufltest"
)

// buildBuflint builds the command once per test binary.
func buildBuflint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "buflint")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func examplesDir(t *testing.T) string {
	return filepath.Join(bufltest.ModuleRoot(t), "testdata", "examples")
}

// finding is one diagnostic line, keyed by file base name and line.
type finding struct {
	file string // path relative to the examples module
	line int
	msg  string
}

func (f finding) String() string { return fmt.Sprintf("%s:%d: %s", f.file, f.line, f.msg) }

type want struct {
	file string
	line int
	re   *regexp.Regexp
}

var wantRE = regexp.MustCompile(`// want ("(?:[^"\\]|\\.)*")`)

// wants collects the // want "regexp" markers of the examples module.
func wants(t *testing.T, dir string) []want {
	var out []want
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range wantRE.FindAllStringSubmatch(line, -1) {
				pat, err := strconv.Unquote(m[1])
				if err != nil {
					return fmt.Errorf("%s:%d: %v", rel, i+1, err)
				}
				out = append(out, want{filepath.ToSlash(rel), i + 1, regexp.MustCompile(pat)})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no // want markers in the examples: the test would check nothing")
	}
	return out
}

var diagRE = regexp.MustCompile(`^(.+\.go):(\d+):\d+: (.*)$`)

// parseText parses "file:line:col: message" lines; related-information lines
// (whose message starts with a tab) and package headers are skipped.
func parseText(t *testing.T, dir, out string) []finding {
	var fs []finding
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		m := diagRE.FindStringSubmatch(sc.Text())
		if m == nil || strings.HasPrefix(m[3], "\t") {
			continue
		}
		file := m[1]
		if filepath.IsAbs(file) {
			file, _ = filepath.Rel(dir, file)
		}
		line, _ := strconv.Atoi(m[2])
		fs = append(fs, finding{filepath.ToSlash(strings.TrimPrefix(file, "./")), line, m[3]})
	}
	return fs
}

// match checks that findings and wants correspond one to one.
func match(t *testing.T, mode string, got []finding, ws []want) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range ws {
		i := slices.IndexFunc(got, func(f finding) bool { return f.file == w.file && f.line == w.line && w.re.MatchString(f.msg) })
		if i < 0 {
			t.Errorf("%s: %s:%d: no finding matching %q", mode, w.file, w.line, w.re)
			continue
		}
		used[i] = true
	}
	for i, f := range got {
		if !used[i] {
			t.Errorf("%s: unexpected finding %v", mode, f)
		}
	}
}

func run(t *testing.T, dir string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return o.String(), e.String(), code
}

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
		for _, name := range []string{"viewaccess", "resize", "unpinned"} {
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
		if strings.HasPrefix(f.msg, "unpinned:") {
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
	var ws []want
	for _, w := range wants(t, dir) {
		if !strings.HasPrefix(w.file, "typeerr/") {
			ws = append(ws, w)
		}
	}
	match(t, "robust", parseText(t, dir, stdout+stderr), ws)
}
