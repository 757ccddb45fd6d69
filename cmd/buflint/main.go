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
// off the check NAME (unguarded, resize, unpinned, ignores; -viewaccess, the
// former name of unguarded, still works). The exit status is 0 when there
// are no findings, 3 when there are, and 1 on errors.
//
// "buflint help" lists the checks, and "buflint help NAME" prints a check's
// documentation, with the rule ids its findings carry.
//
// For CI code scanning, -sarif (or -format=sarif) writes a SARIF 2.1.0 log
// to standard output instead, with a rule per check, related locations
// (where the lock or the view was released) and fixes:
//
//	buflint -sarif ./... > buflint.sarif
package main

import (
	"flag"
	"os"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/buflint/buflint/analyzer"
	"github.com/buflint/buflint/analyzer/rules"
)

func main() {
	if wantsSARIF(os.Args[1:]) {
		os.Exit(runSARIF(os.Args[1:], analyzer.Suite, os.Stdout, os.Stderr))
	}
	formerNames(flag.CommandLine)
	multichecker.Main(analyzer.Suite...)
}

// formerNames registers on fs, for each renamed check, a flag with its
// former name that sets the flag of its current name (-viewaccess=false is
// -unguarded=false). The checker driver registers the current names later,
// before it parses the command line, so the alias finds its target then.
func formerNames(fs *flag.FlagSet) {
	for _, c := range rules.Checks {
		for _, old := range c.Aliases {
			fs.Var(aliasFlag{fs, c.Name}, old, "former name of -"+c.Name)
		}
	}
}

// aliasFlag is a boolean flag that forwards to another flag of its set.
type aliasFlag struct {
	fs *flag.FlagSet
	to string
}

func (a aliasFlag) String() string {
	if a.fs != nil {
		if f := a.fs.Lookup(a.to); f != nil {
			return f.Value.String()
		}
	}
	return ""
}

func (a aliasFlag) Set(v string) error { return a.fs.Set(a.to, v) }
func (a aliasFlag) IsBoolFlag() bool   { return true }
