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
// off the check NAME (viewaccess, resize, unpinned). The exit status is 0
// when there are no findings, 3 when there are, and 1 on errors.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/buflint/buflint/analyzer"
)

func main() { multichecker.Main(analyzer.Suite...) }
