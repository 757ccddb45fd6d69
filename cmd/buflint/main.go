// Command buflint checks Go code that shares buffers of package
// github.com/buflint/buflint/buffer between goroutines: data accessors
// and resizes where the buffer's lock is released, and slices or pointers
// into buffer data that nothing pins.
//
// Run it standalone:
//
//	buflint ./...
//
// or through go vet:
//
//	go vet -vettool=$(which buflint) ./...
//
// It follows the conventions of x/tools checkers: -json for JSON output,
// -fix to apply suggested fixes, -diff to show them, and -NAME=false to turn
// off the check NAME (viewaccess, resize, unpinned, ignores). The exit status
// is 0 when there are no findings, 3 when there are, and 1 on errors.
//
// For CI code scanning, -sarif (or -format=sarif) writes a SARIF 2.1.0 log
// to standard output instead, with a rule per check, related locations
// (where the lock or the view was released) and fixes:
//
//	buflint -sarif ./... > buflint.sarif
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/buflint/buflint/analyzer"
)

func main() {
	if wantsSARIF(os.Args[1:]) {
		os.Exit(runSARIF(os.Args[1:], analyzer.Suite, os.Stdout, os.Stderr))
	}
	multichecker.Main(analyzer.Suite...)
}
