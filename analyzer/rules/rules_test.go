package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"unguarded", "unguarded", true},
		{"viewaccess", "unguarded", true},
		{"viewaccess/access", "unguarded/access", true},
		{"unpinned/after-release", "unpinned/after-release", true},
		{"unpinned/nosuch", "", false},
		{"nosuch", "", false},
		{"", "", false},
	} {
		got, ok := Canonical(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Canonical(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestIDs checks that every rule id is "check/name", unique, and belongs to
// the check that lists it.
func TestIDs(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Checks {
		for _, r := range c.Rules {
			if CheckOf(r.ID) != c.Name || len(r.ID) <= len(c.Name)+1 || seen[r.ID] || r.Summary == "" {
				t.Errorf("rule %q of %s: malformed, duplicated or without summary", r.ID, c.Name)
			}
			seen[r.ID] = true
		}
	}
}

// TestDocumented checks that docs/rules.md lists every rule id and every
// former check name.
func TestDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Checks {
		for _, r := range c.Rules {
			if !strings.Contains(string(doc), "`"+r.ID+"`") {
				t.Errorf("docs/rules.md does not list %s", r.ID)
			}
		}
		for _, a := range c.Aliases {
			if !strings.Contains(string(doc), "`"+a+"`") {
				t.Errorf("docs/rules.md does not list the former name %s", a)
			}
		}
	}
}
