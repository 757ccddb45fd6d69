package reuse

import (
	"go/ast"
	"go/types"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
)

// TestClaim checks that a variant with the same syntax as one being
// analyzed waits until that analysis is done, and that a variant of other
// syntax does not.
func TestClaim(t *testing.T) {
	f := &ast.File{Name: ast.NewIdent("p")}
	other := &ast.File{Name: ast.NewIdent("p")}
	first := &analysis.Pass{Files: []*ast.File{f}, Pkg: types.NewPackage("example.com/p", "p")}
	variant := &analysis.Pass{Files: []*ast.File{f}, Pkg: types.NewPackage("example.com/p", "p")}
	unrelated := &analysis.Pass{Files: []*ast.File{other}, Pkg: types.NewPackage("example.com/p", "p")}

	done := Claim(first)
	Claim(unrelated)() // other syntax: claims its own key at once

	waited := make(chan struct{})
	go func() {
		Claim(variant)()
		close(waited)
	}()
	select {
	case <-waited:
		t.Fatal("a variant of a package being analyzed did not wait for the analysis")
	case <-time.After(50 * time.Millisecond):
	}
	done()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		t.Fatal("the variant still waits after the analysis was done")
	}
	Claim(first)() // released: the key can be claimed again
}
