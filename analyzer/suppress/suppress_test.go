package suppress

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"testing"
)

const src = `package p

func f() {
	_ = 1 //buflint:ignore resize trailing, covers line 4 only
	//buflint:ignore unguarded alone, covers lines 5 and 6
	_ = 2
	//buflint:ignore
	//buflint:ignore nosuch a reason
	//buflint:ignore unpinned
	//buflint:ignoreX not a directive
	//buflint:ignore unpinned // only a comment follows
}
`

func parse(t *testing.T) (*token.FileSet, []Directive) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) ([]byte, error) {
		if name == "p.go" {
			return []byte(src), nil
		}
		return nil, os.ErrNotExist
	}
	return fset, Parse(fset, []*ast.File{f}, read)
}

func TestParse(t *testing.T) {
	_, ds := parse(t)
	want := []struct {
		check, reason string
		lines         []int
		problem       bool
	}{
		{"resize", "trailing, covers line 4 only", []int{4}, false},
		{"unguarded", "alone, covers lines 5 and 6", []int{5, 6}, false},
		{"", "", []int{7, 8}, true},
		{"nosuch", "a reason", []int{8, 9}, true},
		{"unpinned", "", []int{9, 10}, true},
		{"unpinned", "", []int{11, 12}, true},
	}
	if len(ds) != len(want) {
		t.Fatalf("parsed %d directives, want %d: %+v", len(ds), len(want), ds)
	}
	for i, w := range want {
		d := ds[i]
		if d.Check != w.check || d.Reason != w.reason || (d.Problem() != "") != w.problem {
			t.Errorf("directive %d = %q %q (problem %q), want %q %q (problem %v)", i, d.Check, d.Reason, d.Problem(), w.check, w.reason, w.problem)
		}
		if len(d.Lines) != len(w.lines) || d.Lines[0] != w.lines[0] || d.Lines[len(d.Lines)-1] != w.lines[len(w.lines)-1] {
			t.Errorf("directive %d covers lines %v, want %v", i, d.Lines, w.lines)
		}
	}
}

func TestCovers(t *testing.T) {
	fset, ds := parse(t)
	file := fset.File(token.Pos(1))
	at := func(line int) token.Pos { return file.LineStart(line) }
	if !ds[1].Covers(fset, at(6)) || ds[1].Covers(fset, at(7)) || ds[0].Covers(fset, at(5)) {
		t.Error("Covers does not follow the directive's lines")
	}
}
