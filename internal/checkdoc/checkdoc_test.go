package checkdoc

import (
	"strings"
	"testing"
)

const src = `// Package p does things.
//
// # Analyzer thing
//
// thing: report things
//
// Things are bad:
//
//	x := thing()
//
// # Other
//
// Not part of it.
package p
`

func TestExtract(t *testing.T) {
	got, err := Extract(src, "thing")
	if err != nil {
		t.Fatal(err)
	}
	want := "report things\n\nThings are bad:\n\n\tx := thing()"
	if got != want {
		t.Errorf("Extract = %q, want %q", got, want)
	}
	for _, name := range []string{"other", "p"} {
		if _, err := Extract(src, name); err == nil {
			t.Errorf("Extract(%q) succeeded on a missing section", name)
		}
	}
	if _, err := Extract(strings.Replace(src, "thing: report", "report", 1), "thing"); err == nil {
		t.Error("Extract accepted a section without its summary line")
	}
}
