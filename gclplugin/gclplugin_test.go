package gclplugin

import (
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer"
)

func names(t *testing.T, settings any) []string {
	t.Helper()
	p, err := New(settings)
	if err != nil {
		t.Fatalf("New(%v): %v", settings, err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestSettings(t *testing.T) {
	all := []string{"unguarded", "resize", "unpinned", "ignores"}
	if got := names(t, nil); !slices.Equal(got, all) {
		t.Errorf("no settings: %v, want %v", got, all)
	}
	if got := names(t, map[string]any{"disable": []any{"resize"}}); !slices.Equal(got, []string{"unguarded", "unpinned", "ignores"}) {
		t.Errorf("disable resize: %v", got)
	}
	if got := names(t, map[string]any{"enable": []any{"unpinned"}}); !slices.Equal(got, []string{"unpinned"}) {
		t.Errorf("enable unpinned: %v", got)
	}
	if got := names(t, map[string]any{"disable": []any{"viewaccess"}}); !slices.Equal(got, []string{"resize", "unpinned", "ignores"}) {
		t.Errorf("disable viewaccess (the former name of unguarded): %v", got)
	}
	for _, bad := range []map[string]any{{"disable": []any{"resise"}}, {"disabled": []any{"resize"}}} {
		if _, err := New(bad); err == nil || !strings.Contains(err.Error(), "buflint:") {
			t.Errorf("New(%v) = %v, want an error naming buflint", bad, err)
		}
	}
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("buflint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil || p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Fatalf("registered plugin: %v, load mode %q", err, p.GetLoadMode())
	}
}

func TestUnprefixed(t *testing.T) {
	p, _ := New(nil)
	as, _ := p.BuildAnalyzers()
	for _, a := range as {
		var got []string
		pass := &analysis.Pass{Report: func(d analysis.Diagnostic) { got = append(got, d.Message) }}
		c := unprefixed(&analysis.Analyzer{Name: a.Name, Run: func(pass *analysis.Pass) (any, error) {
			pass.Report(analysis.Diagnostic{Message: a.Name + ": something is wrong"})
			return nil, nil
		}})
		if _, err := c.Run(pass); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, []string{"something is wrong"}) {
			t.Errorf("%s: reported %q", a.Name, got)
		}
		if len(a.Requires) > 0 && a.Requires[0] != analyzerByName(a.Name).Requires[0] {
			t.Errorf("%s: the copy does not share Requires", a.Name)
		}
	}
}

func analyzerByName(name string) *analysis.Analyzer {
	for _, a := range analyzer.Suite {
		if a.Name == name {
			return a
		}
	}
	return nil
}
