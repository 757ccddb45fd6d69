// Package gclplugin makes buflint a golangci-lint v2 module plugin. Build a
// custom golangci-lint with it (see docs/integrations.md) and enable it in
// .golangci.yml:
//
//	linters:
//	  enable: [buflint]
//	  settings:
//	    custom:
//	      buflint:
//	        type: module
//	        description: buffer protocol checks
//	        settings:
//	          disable: [resize] # or enable: [...] to choose the checks to run
//
// Check names are those of the suite; a former name (viewaccess, now
// unguarded) is accepted for the current one.
//
// The plugin holds no state of its own: each call of New returns the
// suite's analyzers, filtered by the settings, with facts and fixes flowing
// only through the analysis API.
package gclplugin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer"
	"github.com/buflint/buflint/analyzer/rules"
)

func init() { register.Plugin("buflint", New) }

// Settings are the plugin's settings in .golangci.yml.
type Settings struct {
	// Enable, when set, lists the only checks to run.
	Enable []string `json:"enable"`
	// Disable lists checks not to run.
	Disable []string `json:"disable"`
}

// New returns the plugin for the given settings, which it validates: an
// unknown setting or check name is an error, not silently ignored.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("buflint: %w", err)
	}
	var names []string
	for _, a := range analyzer.Suite {
		names = append(names, a.Name)
	}
	for _, list := range []*[]string{&s.Enable, &s.Disable} {
		for i, n := range *list {
			c, ok := rules.Canonical(n)
			if !ok || !slices.Contains(names, c) {
				return nil, fmt.Errorf("buflint: unknown check %q in settings; the checks are %s", n, strings.Join(names, ", "))
			}
			(*list)[i] = c
		}
	}
	return &plugin{settings: s}, nil
}

type plugin struct{ settings Settings }

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, a := range analyzer.Suite {
		if len(p.settings.Enable) > 0 && !slices.Contains(p.settings.Enable, a.Name) {
			continue
		}
		if slices.Contains(p.settings.Disable, a.Name) {
			continue
		}
		out = append(out, unprefixed(a))
	}
	return out, nil
}

// unprefixed returns a copy of a whose messages drop their leading "name: ":
// golangci-lint already starts each message with the analyzer's name. The
// copy shares a's Requires, so lockregion still runs once for all checks.
func unprefixed(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	prefix := a.Name + ": "
	c.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Message = strings.TrimPrefix(d.Message, prefix)
			report(d)
		}
		return a.Run(pass)
	}
	return &c
}

// GetLoadMode asks for type information: the checks need types and facts.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
