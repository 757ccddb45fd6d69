package scan

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// This file reads the annotations of functions: gVisor checklocks' lock
// annotations, so that code annotated for checklocks is checked by buflint
// as it is,
//
//	// +checklocks:s.mu       callers hold s.mu (exclusively)
//	// +checklocksread:s.mu   callers hold s.mu at least for reading
//	// +checklocksacquire:s.mu the function takes s.mu and returns holding it
//	// +checklocksrelease:s.mu callers hold s.mu; the function releases it
//	// +checklocksignore      nothing in the function is reported
//
// and //buflint:retains, which says a function or an interface method
// keeps its arguments after it returns. The lock is named from a parameter
// (the receiver included), or, in a method, from the receiver's fields
// ("mu" for "s.mu").

var funcAnnotation = regexp.MustCompile(`^//\s*\+checklocks(read|acquire|acquireread|release|releaseread|ignore)?(?::([\w.]+))?(?:\s|$)`)

// retainsAnnotation is "//buflint:retains", optionally followed by the
// names of the parameters kept (all of them when none is named).
var retainsAnnotation = regexp.MustCompile(`^//\s*buflint:retains(?:[ \t]+([\w, \t]*?))?[ \t]*(?://.*)?$`)

// readLockAnnots reads the checklocks annotations of the function obj
// from its doc comment.
func (s *scanner) readLockAnnots(doc *ast.CommentGroup, obj *types.Func) {
	if doc == nil {
		return
	}
	for _, c := range doc.List {
		if !strings.Contains(c.Text, "+checklocks") {
			continue // the regexp's literal, tested first: most comments are prose
		}
		m := funcAnnotation.FindStringSubmatch(c.Text)
		if m == nil {
			continue
		}
		fa := s.out.Annots[obj]
		if fa == nil {
			fa = &facts.FuncAnnots{}
			s.out.Annots[obj] = fa
		}
		kind, name := m[1], m[2]
		if kind == "ignore" || name == "ignore" {
			fa.Ignore = true
			continue
		}
		if name == "" {
			s.badFuncs = append(s.badFuncs, facts.BadAnnotation{Pos: c.Pos(), Text: annotationText(m[0]), Why: "it names no lock", OnFunc: true})
			continue
		}
		param, path, why := resolveFuncLock(obj, name)
		if why != "" {
			s.badFuncs = append(s.badFuncs, facts.BadAnnotation{Pos: c.Pos(), Text: annotationText(m[0]), Why: why, OnFunc: true})
			continue
		}
		a := facts.LockAnnot{Entry: facts.Held, Param: param, Path: path, Lock: name}
		switch kind {
		case "read", "releaseread":
			a.Entry = facts.ReadHeld
		case "acquire", "acquireread":
			a.Entry = facts.Released
		}
		fa.Locks = append(fa.Locks, a)
	}
}

// readRetains reads the //buflint:retains annotations of a function
// declaration or an interface method.
func (s *scanner) readRetains(doc *ast.CommentGroup, name *ast.Ident) {
	if doc == nil || name == nil {
		return
	}
	obj, ok := s.info.Defs[name].(*types.Func)
	if !ok {
		return
	}
	for _, c := range doc.List {
		if !strings.Contains(c.Text, "buflint:retains") {
			continue
		}
		m := retainsAnnotation.FindStringSubmatch(strings.TrimSpace(c.Text))
		if m == nil {
			continue
		}
		rs, why := resolveRetains(obj, strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }))
		if why != "" {
			s.badRetains = append(s.badRetains, sequenced{s.seq, facts.BadAnnotation{Pos: c.Pos(), Text: annotationText(m[0]), Why: why, OnFunc: true, Retains: true}})
			continue
		}
		s.retains[obj] = append(s.retains[obj], rs...)
	}
}

// resolveRetains maps the parameter names of an annotation of fn to
// retains; no names means every parameter.
func resolveRetains(fn *types.Func, names []string) ([]facts.ParamRetain, string) {
	sig := fn.Type().(*types.Signature)
	offset := 0
	if sig.Recv() != nil {
		offset = 1 // the receiver is SSA parameter 0
	}
	var out []facts.ParamRetain
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if len(names) == 0 || containsName(names, p.Name()) {
			out = append(out, facts.ParamRetain{Param: i + offset, Into: -1, Name: p.Name()})
		}
	}
	for _, n := range names {
		found := false
		for i := range sig.Params().Len() {
			found = found || sig.Params().At(i).Name() == n
		}
		if !found {
			return nil, "it names no parameter " + n + " of " + fn.Name()
		}
	}
	if len(out) == 0 {
		return nil, fn.Name() + " has no parameters"
	}
	return out, ""
}

func containsName(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}

// resolveFuncLock resolves a lock named in a function annotation to a
// parameter index and a path from it.
func resolveFuncLock(fn *types.Func, name string) (int, []facts.Step, string) {
	sig := fn.Type().(*types.Signature)
	var params []*types.Var
	if sig.Recv() != nil {
		params = append(params, sig.Recv())
	}
	for i := range sig.Params().Len() {
		params = append(params, sig.Params().At(i))
	}
	first, rest, dotted := strings.Cut(name, ".")
	idx := -1
	for i, p := range params {
		if p.Name() == first && first != "_" {
			idx = i
		}
	}
	if idx < 0 {
		if sig.Recv() == nil {
			return 0, nil, "there is no parameter " + first
		}
		idx, rest, dotted = 0, name, true // a field of the receiver
	}
	t := params[idx].Type()
	if !dotted {
		if !isLockValue(t) {
			return 0, nil, first + " is not a sync.Mutex or sync.RWMutex"
		}
		return idx, nil, ""
	}
	p, ok := types.Unalias(t).Underlying().(*types.Pointer)
	if !ok {
		return 0, nil, params[idx].Name() + " is not a pointer to a struct"
	}
	s, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return 0, nil, params[idx].Name() + " is not a pointer to a struct"
	}
	path, why := resolveLock(s, rest)
	return idx, path, why
}

// isLockValue reports whether a parameter of type t is a lock a function
// can be annotated with directly: a pointer to a sync.Mutex or RWMutex.
func isLockValue(t types.Type) bool {
	_, ptr := types.Unalias(t).(*types.Pointer)
	return ptr && bufmodel.IsLockType(t)
}

// annotationText is an annotation as messages quote it: "+checklocks:s.mu",
// "//buflint:guardedby mu".
func annotationText(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "//"))
	if strings.HasPrefix(s, "buflint:") {
		return "//" + s
	}
	return s
}
