package bufltest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWantsBothQuotes(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\nvar a = 1 // want \"a \\\\(quoted\\\\)\"\nvar b = 2 // want `b \\(raw\\)`\nvar c = 3 // wanted, not a marker\n"
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ws := Wants(t, dir)
	if len(ws) != 2 {
		t.Fatalf("got %d wants, want 2: %v", len(ws), ws)
	}
	for i, c := range []struct {
		line int
		msg  string
	}{{3, "a (quoted)"}, {4, "b (raw)"}} {
		if ws[i].Line != c.line || !ws[i].RE.MatchString(c.msg) {
			t.Errorf("want %d = line %d %q, does not match line %d %q", i, ws[i].Line, ws[i].RE, c.line, c.msg)
		}
	}
	problems := Match([]Finding{{File: "p.go", Line: 3, Msg: "a (quoted)"}, {File: "p.go", Line: 4, Msg: "b (raw)"}}, ws)
	if len(problems) != 0 {
		t.Errorf("Match: %v", problems)
	}
}
