// Command findings turns buflint's -json output (read from standard input)
// into one line per finding, "file:line:col: [rule] message", followed by
// its related information indented, sorted by position: the form the
// real-code triage in docs/real-world.md reads. -strip removes a prefix
// from file names (it may be repeated).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

type diagnostic struct {
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Category string `json:"category"`
	Related  []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
}

type prefixes []string

func (p *prefixes) String() string     { return strings.Join(*p, ",") }
func (p *prefixes) Set(s string) error { *p = append(*p, s); return nil }

func main() {
	var strip prefixes
	flag.Var(&strip, "strip", "a prefix to remove from file names (repeatable)")
	flag.Parse()
	trim := func(s string) string {
		for _, p := range strip {
			s = strings.TrimPrefix(s, p)
		}
		return s
	}
	dec := json.NewDecoder(os.Stdin)
	var lines []string
	for {
		// The driver prints one JSON object per package and analyzer set.
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			break
		}
		for _, byAnalyzer := range tree {
			for _, raw := range byAnalyzer {
				var ds []diagnostic
				if json.Unmarshal(raw, &ds) != nil {
					continue // an {"error": ...} entry
				}
				for _, d := range ds {
					var b strings.Builder
					fmt.Fprintf(&b, "%s: [%s] %s", trim(d.Posn), d.Category, d.Message)
					for _, r := range d.Related {
						fmt.Fprintf(&b, "\n\t%s: %s", trim(r.Posn), r.Message)
					}
					lines = append(lines, b.String())
				}
			}
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
}
