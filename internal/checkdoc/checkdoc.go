// Package checkdoc extracts an analyzer's documentation from the package
// comment of its doc.go, so that the text users read in `buflint help NAME`,
// in SARIF and on pkg.go.dev is one text. The comment must hold a section
//
//	# Analyzer NAME
//
//	NAME: one-line summary
//
//	Details...
//
// which ends at the next heading or at the end of the comment.
package checkdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// Extract returns the section for the analyzer name from content, the
// source of a doc.go file: its summary line without the "NAME: " prefix,
// a blank line, and the details.
func Extract(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package comment")
	}
	lines := strings.Split(f.Doc.Text(), "\n")
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "# Analyzer "+name {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return "", fmt.Errorf("doc.go has no section %q", "# Analyzer "+name)
	}
	end := len(lines)
	for i := start; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "# ") {
			end = i
			break
		}
	}
	text := strings.TrimSpace(strings.Join(lines[start:end], "\n"))
	summary, ok := strings.CutPrefix(text, name+": ")
	if !ok {
		return "", fmt.Errorf("section %q does not start with %q", "# Analyzer "+name, name+": ")
	}
	return summary, nil
}

// MustExtract is Extract for package initialization: a doc.go that does not
// document its analyzer is a build mistake, caught by every test.
func MustExtract(content, name string) string {
	doc, err := Extract(content, name)
	if err != nil {
		panic(fmt.Sprintf("checkdoc: %s: %v", name, err))
	}
	return doc
}
