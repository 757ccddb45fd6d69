package bufltest

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
)

// BuildBuflint builds cmd/buflint into a temporary directory and returns the
// binary's path.
func BuildBuflint(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "buflint")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/buflint")
	cmd.Dir = moduleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// A Finding is one diagnostic, by file (relative to the module it was
// reported in, with forward slashes) and line.
type Finding struct {
	File string
	Line int
	Msg  string
	// Category is the finding's rule id; ParseJSON fills it, ParseText
	// cannot.
	Category string
}

func (f Finding) String() string { return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Msg) }

// A Want is a // want "regexp" marker; as in analysistest, the pattern may
// also be a raw string in backquotes.
type Want struct {
	File string
	Line int
	RE   *regexp.Regexp
}

var wantRE = regexp.MustCompile("// want (\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)")

// Wants collects the // want "regexp" markers of the Go files under dir.
func Wants(t testing.TB, dir string) []Want {
	t.Helper()
	var out []Want
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
				out = append(out, Want{filepath.ToSlash(rel), i + 1, regexp.MustCompile(pat)})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var diagRE = regexp.MustCompile(`^(.+\.go):(\d+):\d+: (.*)$`)

// ParseText parses "file:line:col: message" lines as buflint and go vet
// print them, relative to dir; related-information lines (whose message
// starts with a tab) and package headers are skipped.
func ParseText(dir, out string) []Finding {
	var fs []Finding
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
		fs = append(fs, Finding{File: relSlash(dir, file), Line: line, Msg: m[3]})
	}
	return fs
}

// relSlash renders file relative to dir, with forward slashes.
func relSlash(dir, file string) string {
	if filepath.IsAbs(file) {
		file, _ = filepath.Rel(dir, file)
	}
	return filepath.ToSlash(strings.TrimPrefix(file, "./"))
}

// ParseJSON parses buflint's -json output, {package: {analyzer: [diagnostic]
// or {error}}}, into findings relative to dir, with their categories. An
// analyzer's error fails the test.
func ParseJSON(t testing.TB, dir, out string) []Finding {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("parsing -json output: %v\n%s", err, out)
	}
	var fs []Finding
	for pkg, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var diags []struct {
				Posn     string `json:"posn"`
				Message  string `json:"message"`
				Category string `json:"category"`
			}
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Errorf("%s: %s: %s", pkg, name, raw)
				continue
			}
			for _, d := range diags {
				m := posnRE.FindStringSubmatch(d.Posn)
				if m == nil {
					t.Errorf("%s: %s: position %q", pkg, name, d.Posn)
					continue
				}
				line, _ := strconv.Atoi(m[2])
				fs = append(fs, Finding{File: relSlash(dir, m[1]), Line: line, Msg: d.Message, Category: d.Category})
			}
		}
	}
	slices.SortFunc(fs, func(a, b Finding) int {
		return strings.Compare(fmt.Sprintf("%s:%06d:%s", a.File, a.Line, a.Msg), fmt.Sprintf("%s:%06d:%s", b.File, b.Line, b.Msg))
	})
	return slices.Compact(fs)
}

var posnRE = regexp.MustCompile(`^(.+\.go):(\d+):\d+$`)

// Match returns the problems found in matching findings to wants one to
// one: wants no finding matches, and findings no want expects.
func Match(got []Finding, ws []Want) []string {
	var problems []string
	used := make([]bool, len(got))
	for _, w := range ws {
		i := slices.IndexFunc(got, func(f Finding) bool {
			return f.File == w.File && f.Line == w.Line && w.RE.MatchString(f.Msg)
		})
		if i < 0 {
			problems = append(problems, fmt.Sprintf("%s:%d: no finding matching %q", w.File, w.Line, w.RE))
			continue
		}
		used[i] = true
	}
	for i, f := range got {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("unexpected finding %v", f))
		}
	}
	return problems
}

// Run runs name with args in dir and returns its output and exit status.
func Run(t testing.TB, dir string, name string, args ...string) (stdout, stderr string, code int) {
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
