package lockregion

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// GuardFact is exported on a struct field that a lock guards: the lock is
// reached from a pointer to the struct by Path. Accesses to the field, in
// this package and importing ones, need that lock.
type GuardFact struct {
	Path []Step
	Lock string // the lock as written: "mu", "c.mu"
	// How says why the field is taken to be guarded (see the How constants).
	How How
}

func (*GuardFact) AFact() {}

func (g *GuardFact) String() string { return "guardedby(" + g.Lock + ", " + string(g.How) + ")" }

// How says why a field is taken to be guarded by a lock. Each rule is
// documented in docs/design.md; all but ByAnnotation need evidence from the
// package's code (see confirm).
type How string

const (
	// ByAnnotation: //buflint:guardedby or checklocks' +checklocks on the
	// field. Trusted as written.
	ByAnnotation How = "annotation"
	// ByConvention: the field is in the group of fields a lock heads (no
	// blank line between them), Go's convention for "mu guards these".
	ByConvention How = "convention"
	// ByComment: the lock's comment says it guards or protects the field.
	ByComment How = "comment"
	// ByUse: the struct has exactly one lock, and the package's code
	// writes the field only while holding it.
	ByUse How = "use"
)

// A BadAnnotation is a guard annotation that names no lock.
type BadAnnotation struct {
	Pos  token.Pos
	Text string // the annotation
	Why  string
	// OnFunc is set for an annotation of a function (+checklocks:s.mu),
	// unset for one of a field.
	OnFunc bool
	// Retains is set for a //buflint:retains annotation, which names
	// parameters, not locks.
	Retains bool
}

var (
	fieldAnnotation = regexp.MustCompile(`(?://\s*buflint:guardedby|\+checklocks(?:read)?:)\s*([A-Za-z_][\w.]*)`)
	guardWords      = regexp.MustCompile(`(?i)\b(guards|guarding|protects|protecting|guarded|protected)\b`)
)

// guardsOf finds the candidate guards of the fields of the struct types
// declared in the package's files: annotated fields of any type, and
// buffer fields (bufmodel.IsBufferType) that a convention, a comment or
// the struct's only lock may guard. It reads only syntax and types, so
// that the relevance gate can use it before any SSA is built.
func guardsOf(pass *analysis.Pass) (map[*types.Var]*GuardFact, []BadAnnotation) {
	guards := map[*types.Var]*GuardFact{}
	var bad []BadAnnotation
	// Struct types of type declarations, including those nested in their
	// fields; types declared inside function bodies are left out.
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				inspectStructs(pass, spec.(*ast.TypeSpec).Type, guards, &bad)
			}
		}
	}
	return guards, bad
}

func inspectStructs(pass *analysis.Pass, root ast.Node, guards map[*types.Var]*GuardFact, bad *[]BadAnnotation) {
	{
		ast.Inspect(root, func(n ast.Node) bool {
			st, ok := n.(*ast.StructType)
			if !ok {
				return true
			}
			if tv, ok := pass.TypesInfo.Types[st]; ok {
				if s, ok := tv.Type.(*types.Struct); ok {
					structGuards(pass.Fset, st, s, guards, bad)
				}
			}
			return true
		})
	}
}

// structGuards adds the candidate guards of one struct type's fields.
func structGuards(fset *token.FileSet, st *ast.StructType, s *types.Struct, guards map[*types.Var]*GuardFact, bad *[]BadAnnotation) {
	var locks []int // indices of the struct's lock fields
	for i := range s.NumFields() {
		if bufmodel.IsLockType(s.Field(i).Type()) {
			locks = append(locks, i)
		}
	}
	// A lock whose comment names the fields it guards ("closemu guards
	// lasterr and closed") guards those: no other field is inferred for it
	// by convention or use.
	named := map[int]map[int]bool{} // lock index -> fields its comment names
	idx := 0
	for _, fld := range st.Fields.List {
		for range max(len(fld.Names), 1) {
			if idx < s.NumFields() && bufmodel.IsLockType(s.Field(idx).Type()) {
				for _, w := range commentGuards(fld) {
					if i := fieldIndex(s, w); i >= 0 {
						if named[idx] == nil {
							named[idx] = map[int]bool{}
						}
						named[idx][i] = true
					}
				}
			}
			idx++
		}
	}
	set := func(v *types.Var, g *GuardFact) {
		if old := guards[v]; old == nil || rank(g.How) < rank(old.How) {
			guards[v] = g
		}
	}
	infer := func(i, lock int, how How) {
		if named[lock] != nil && !named[lock][i] {
			return
		}
		set(s.Field(i), &GuardFact{Path: lockPath(s, lock), Lock: s.Field(lock).Name(), How: how})
	}
	group := -1 // index of the lock heading the current group of fields
	prevEnd := 0
	idx = 0 // index of the next field in s
	for _, fld := range st.Fields.List {
		start := fset.Position(fld.Pos()).Line
		if fld.Doc != nil {
			start = fset.Position(fld.Doc.Pos()).Line
		}
		if prevEnd != 0 && start > prevEnd+1 {
			group = -1 // a blank line ends the group
		}
		prevEnd = fset.Position(fld.End()).Line
		if fld.Comment != nil {
			prevEnd = max(prevEnd, fset.Position(fld.Comment.End()).Line)
		}
		for range max(len(fld.Names), 1) {
			if idx >= s.NumFields() {
				return
			}
			v := s.Field(idx)
			if c, text, name, ok := annotation(fld); ok {
				path, why := resolveLock(s, name)
				if why != "" {
					*bad = append(*bad, BadAnnotation{Pos: c.Pos(), Text: text, Why: why})
				} else {
					set(v, &GuardFact{Path: path, Lock: name, How: ByAnnotation})
				}
			}
			switch {
			case bufmodel.IsLockType(v.Type()):
				group = idx
				for i := range named[idx] {
					if bufmodel.IsBufferType(s.Field(i).Type()) {
						set(s.Field(i), &GuardFact{Path: lockPath(s, idx), Lock: v.Name(), How: ByComment})
					}
				}
			case bufmodel.IsBufferType(v.Type()):
				if group >= 0 {
					infer(idx, group, ByConvention)
				} else if len(locks) == 1 {
					infer(idx, locks[0], ByUse)
				}
			}
			idx++
		}
	}
}

// rank orders the rules by the weight of what they rest on: an annotation
// over a comment over the convention over use.
func rank(h How) int {
	switch h {
	case ByAnnotation:
		return 0
	case ByComment:
		return 1
	case ByConvention:
		return 2
	}
	return 3
}

// annotation returns the guard annotation of a field, from its doc or line
// comment: the comment, the annotation's text and the lock it names.
func annotation(fld *ast.Field) (*ast.Comment, string, string, bool) {
	for _, g := range []*ast.CommentGroup{fld.Doc, fld.Comment} {
		if g == nil {
			continue
		}
		for _, c := range g.List {
			if m := fieldAnnotation.FindStringSubmatch(c.Text); m != nil {
				return c, annotationText(m[0]), m[1], true
			}
		}
	}
	return nil, "", "", false
}

// commentGuards returns the field names a lock's comment says it guards
// ("mu protects buf and n"): the words after a guard word.
func commentGuards(fld *ast.Field) []string {
	var out []string
	for _, g := range []*ast.CommentGroup{fld.Doc, fld.Comment} {
		if g == nil {
			continue
		}
		text := g.Text()
		loc := guardWords.FindStringIndex(text)
		if loc == nil {
			continue
		}
		out = append(out, strings.FieldsFunc(text[loc[1]:], func(r rune) bool {
			return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		})...)
	}
	return out
}

// resolveLock resolves a lock named in an annotation ("mu", or "inner.mu"
// through fields of s) to the path from a pointer to s to the lock value,
// or says why it cannot.
func resolveLock(s *types.Struct, name string) ([]Step, string) {
	var path []Step
	cur := s
	parts := strings.Split(name, ".")
	for i, part := range parts {
		j := fieldIndex(cur, part)
		if j < 0 {
			return nil, "there is no field " + part + " in the struct"
		}
		path = append(path, Step{FieldAddr, j})
		t := cur.Field(j).Type()
		if i == len(parts)-1 {
			if !bufmodel.IsLockType(t) {
				return nil, part + " is not a sync.Mutex or sync.RWMutex"
			}
			if _, ptr := types.Unalias(t).(*types.Pointer); ptr {
				path = append(path, Step{Op: Load})
			}
			return path, ""
		}
		if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
			path = append(path, Step{Op: Load})
			t = p.Elem()
		}
		next, ok := t.Underlying().(*types.Struct)
		if !ok {
			return nil, part + " is not a struct"
		}
		cur = next
	}
	return nil, "empty lock name"
}

// lockPath is the path from a pointer to s to its lock field i: the field's
// address, and a load when the field is a pointer to the lock.
func lockPath(s *types.Struct, i int) []Step {
	path := []Step{{FieldAddr, i}}
	if _, ptr := types.Unalias(s.Field(i).Type()).(*types.Pointer); ptr {
		path = append(path, Step{Op: Load})
	}
	return path
}

func fieldIndex(s *types.Struct, name string) int {
	for i := range s.NumFields() {
		if s.Field(i).Name() == name {
			return i
		}
	}
	return -1
}

// evidence is what the package's code shows of one candidate guard.
type evidence struct {
	held       int // accesses made with the guard held on every path
	writes     int // writes, outside objects not yet shared
	heldWrites int // in-place writes made with the guard held exclusively on every path
	unlocked   int // writes made where the guard may be released
}

// confirm keeps the candidate guards that the code bears out. An
// annotation is trusted. A comment needs the field to be written somewhere
// after its object is shared (a field only constructors write is
// immutable, and reading it needs no lock) and accessed once with the lock
// held. The convention and use need the field's storage changed in place
// (appended to, resliced, its elements or contents written) with the lock
// held exclusively: a buffer reused under the lock, not a value assigned
// once under it and read-only afterwards, as lazily initialized tables
// are. Use also needs no write where the lock may be released.
func confirm(cands map[*types.Var]*GuardFact, ev map[*types.Var]*evidence) map[*types.Var]*GuardFact {
	out := map[*types.Var]*GuardFact{}
	for v, g := range cands {
		e := ev[v]
		if e == nil {
			e = &evidence{}
		}
		switch g.How {
		case ByAnnotation:
		case ByComment:
			if e.writes == 0 || e.held == 0 {
				continue
			}
		case ByConvention:
			if e.heldWrites == 0 {
				continue
			}
		case ByUse:
			if e.heldWrites == 0 || e.unlocked > 0 {
				continue
			}
		}
		out[v] = g
	}
	return out
}
