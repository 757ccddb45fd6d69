package lockregion

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file reads gVisor checklocks' function annotations, so that code
// annotated for checklocks is checked by buflint as it is:
//
//	// +checklocks:s.mu       callers hold s.mu (exclusively)
//	// +checklocksread:s.mu   callers hold s.mu at least for reading
//	// +checklocksacquire:s.mu the function takes s.mu and returns holding it
//	// +checklocksrelease:s.mu callers hold s.mu; the function releases it
//	// +checklocksignore      nothing in the function is reported
//
// The lock is named from a parameter (the receiver included), or, in a
// method, from the receiver's fields ("mu" for "s.mu").

// funcAnnot is one lock annotation of a function.
type funcAnnot struct {
	entry Status // what the lock is on entry: Held, ReadHeld or Released
	param int    // index into the SSA parameters (receiver first)
	path  []Step // from the parameter to the lock
	lock  string // as written
}

// funcAnnots are the annotations of one function.
type funcAnnots struct {
	locks  []funcAnnot
	ignore bool
	// retains lists the parameters a //buflint:retains annotation says
	// the function keeps after it returns.
	retains []ParamRetain
}

var funcAnnotation = regexp.MustCompile(`^//\s*\+checklocks(read|acquire|acquireread|release|releaseread|ignore)?(?::([\w.]+))?(?:\s|$)`)

// funcAnnotationsOf reads the checklocks annotations of the package's
// function declarations.
func funcAnnotationsOf(pass *analysis.Pass) (map[*types.Func]*funcAnnots, []BadAnnotation) {
	out := map[*types.Func]*funcAnnots{}
	var bad []BadAnnotation
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Doc == nil {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			for _, c := range fd.Doc.List {
				m := funcAnnotation.FindStringSubmatch(c.Text)
				if m == nil {
					continue
				}
				fa := out[obj]
				if fa == nil {
					fa = &funcAnnots{}
					out[obj] = fa
				}
				kind, name := m[1], m[2]
				if kind == "ignore" || name == "ignore" {
					fa.ignore = true
					continue
				}
				if name == "" {
					bad = append(bad, BadAnnotation{Pos: c.Pos(), Text: annotationText(m[0]), Why: "it names no lock", OnFunc: true})
					continue
				}
				param, path, why := resolveFuncLock(obj, name)
				if why != "" {
					bad = append(bad, BadAnnotation{Pos: c.Pos(), Text: annotationText(m[0]), Why: why, OnFunc: true})
					continue
				}
				a := funcAnnot{entry: Held, param: param, path: path, lock: name}
				switch kind {
				case "read", "releaseread":
					a.entry = ReadHeld
				case "acquire", "acquireread":
					a.entry = Released
				}
				fa.locks = append(fa.locks, a)
			}
		}
	}
	return out, bad
}

// resolveFuncLock resolves a lock named in a function annotation to a
// parameter index and a path from it.
func resolveFuncLock(fn *types.Func, name string) (int, []Step, string) {
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

// annotsOf returns the annotations of the declared function fn, or nil.
func (a *pkgAnalysis) annotsOf(fn *ssa.Function) *funcAnnots {
	if fn == nil || fn.Parent() != nil {
		return nil
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return nil
	}
	return a.annots[obj.Origin()]
}

// annotatedKeys returns the keys of the locks f's annotations name.
func (a *pkgAnalysis) annotatedKeys(f *Func) []Key {
	var out []Key
	if fa := a.annotsOf(f.Fn); fa != nil {
		for _, an := range fa.locks {
			if an.param < len(f.Fn.Params) {
				out = append(out, Key{f.Fn.Params[an.param], PathOf(an.path)})
			}
		}
	}
	return out
}

// ignored reports whether f is, or is a literal inside, a function
// annotated +checklocksignore: it is solved (its lock operations still
// count for its callers), but nothing in it is reported and its accesses
// make no requirement.
func (f *Func) ignored() bool {
	fn := f.Fn
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	fa := f.a.annotsOf(fn)
	return fa != nil && fa.ignore
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
