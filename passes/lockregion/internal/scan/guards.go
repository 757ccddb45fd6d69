package scan

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// This file proposes the candidate guards of the fields of the struct
// types the package declares: annotated fields of any type, and buffer
// fields (bufmodel.IsBufferType) that a convention, a comment or the
// struct's only lock may guard. Which candidates the code bears out is
// decided later, from the solved functions (summary.Confirm).

var (
	fieldAnnotation = regexp.MustCompile(`(?://\s*buflint:guardedby|\+checklocks(?:read)?:)\s*([A-Za-z_][\w.]*)`)
	guardWords      = regexp.MustCompile(`(?i)\b(guard|guards|guarding|protect|protects|protecting|guarded|protected)\b`)
)

// fieldGroups follows the groups of a struct's fields as it is read:
// runs of fields with no blank line between them, and the doc comment of
// each run's first field.
type fieldGroups struct {
	fset    *token.FileSet
	prevEnd int    // the last line of the previous field, its comment included
	doc     string // the doc comment of the current group's first field
}

// next moves to fld, the first field when first is set, and reports
// whether a blank line before it ended the previous group.
func (g *fieldGroups) next(fld *ast.Field, first bool) bool {
	start := g.fset.Position(fld.Pos()).Line
	if fld.Doc != nil {
		start = g.fset.Position(fld.Doc.Pos()).Line
	}
	ended := g.prevEnd != 0 && start > g.prevEnd+1
	if ended {
		g.doc = ""
	}
	if (first || g.doc == "" && start > g.prevEnd+1) && fld.Doc != nil {
		g.doc = fld.Doc.Text()
	}
	g.prevEnd = g.fset.Position(fld.End()).Line
	if fld.Comment != nil {
		g.prevEnd = max(g.prevEnd, g.fset.Position(fld.Comment.End()).Line)
	}
	return ended
}

// structGuards adds the candidate guards of one struct type's fields.
func (s *scanner) structGuards(st *ast.StructType, str *types.Struct) {
	locks, named, below := lockFields(st, str)
	rw := readWriteLocks(str, locks)
	set := func(v *types.Var, g *facts.GuardFact) {
		if old := s.out.Guards[v]; old == nil || rank(g.How) < rank(old.How) {
			s.out.Guards[v] = g
		}
	}
	lockGuard := func(lock int, how facts.How) *facts.GuardFact {
		return &facts.GuardFact{Path: lockPath(str, lock), Lock: str.Field(lock).Name(), How: how}
	}
	infer := func(i, lock int, how facts.How) {
		if named[lock] != nil && !named[lock][i] {
			return
		}
		set(str.Field(i), lockGuard(lock, how))
	}
	namedAfter := s.locksNamedAfter(st, str)
	group := -1                   // index of the lock heading the current group of fields
	var declared *facts.GuardFact // a declaration for the rest of the group ("fields below are guarded by mu")
	groups := fieldGroups{fset: s.fset}
	idx := 0 // index of the next field in str
	for i, fld := range st.Fields.List {
		if groups.next(fld, i == 0) {
			group, declared = -1, nil
		}
		groupDoc := groups.doc
		decl, rest := declaredGuard(fld, str, locks)
		if rest {
			// "the fields below are guarded by mu": declared for the rest
			// of the group, this field included.
			declared = decl
		}
		for range max(len(fld.Names), 1) {
			if idx >= str.NumFields() {
				return
			}
			v := str.Field(idx)
			if group >= 0 && !bufmodel.IsLockType(v.Type()) {
				s.out.groupOf[v] = lockGroup{str, group}
			}
			s.noteReadWriteField(v, str, rw, commentText(fld)+groupDoc)
			if c, text, name, ok := annotation(fld); ok {
				path, why := resolveLock(str, name)
				if why != "" {
					s.badFields = append(s.badFields, facts.BadAnnotation{Pos: c.Pos(), Text: text, Why: why})
				} else {
					set(v, &facts.GuardFact{Path: path, Lock: name, How: facts.ByAnnotation})
				}
			}
			switch {
			case bufmodel.IsLockType(v.Type()):
				group, declared = idx, nil
				if below[idx] {
					// "mu guards the fields below": declared for the
					// rest of its group.
					declared = lockGuard(idx, facts.ByComment)
				}
				for i := range named[idx] {
					if bufmodel.IsGuardable(str.Field(i).Type()) {
						set(str.Field(i), lockGuard(idx, facts.ByComment))
					}
				}
			case decl != nil:
				set(v, decl)
			case !bufmodel.IsGuardable(v.Type()):
			case declared != nil:
				set(v, declared)
				s.out.groupDeclared[v] = true
			default:
				lock, how := -1, facts.ByConvention
				switch {
				case namedAfter[idx] > 0:
					// recvBuf, then recvLock: a lock named after the
					// fields it follows (hashicorp's style).
					lock = namedAfter[idx]
				case group >= 0:
					lock = group
				case len(locks) == 1 && (idx > locks[0] || bufmodel.IsBufferType(v.Type())):
					// The struct's only lock; for a value, one declared
					// above it (Go puts a mutex above what it guards, and
					// what sits above is set before the object is shared).
					lock, how = locks[0], facts.ByUse
				}
				// "Only the reader accesses the current block": the
				// comment says how it is shared, and it is not the lock.
				if lock >= 0 && (bufmodel.IsBufferType(v.Type()) || !ownershipProse.MatchString(commentText(fld)+groupDoc)) {
					infer(idx, lock, how)
				}
			}
			idx++
		}
	}
}

// ownershipProse matches comments that say how a field is shared other
// than by a lock: by one goroutine, atomically, or not at all once set.
var ownershipProse = regexp.MustCompile(`(?i)\b(only|goroutine|owner|owns|owned|atomic|atomically|immutable|read-?only|lock-?free|without (?:the )?lock|not (?:guarded|protected|locked)|set once|never change[sd]?)\b`)

// commentText is a field's doc and line comments.
func commentText(fld *ast.Field) string {
	text := ""
	for _, g := range []*ast.CommentGroup{fld.Doc, fld.Comment} {
		if g != nil {
			text += g.Text() + " "
		}
	}
	return text
}

// lockSuffixes end the name of a lock named after what it guards.
var lockSuffixes = []string{"Lock", "Mu", "Mutex"}

// locksNamedAfter returns, for the fields that a lock named after them
// follows in the same group of fields ("recvBuf *bytes.Buffer" then
// "recvLock sync.Mutex"; "state" then "stateLock"), that lock's index.
func (s *scanner) locksNamedAfter(st *ast.StructType, str *types.Struct) map[int]int {
	out := map[int]int{}
	var group []int // the fields of the current group before the next lock
	prevEnd, idx := 0, 0
	for _, fld := range st.Fields.List {
		start := s.fset.Position(fld.Pos()).Line
		if fld.Doc != nil {
			start = s.fset.Position(fld.Doc.Pos()).Line
		}
		if prevEnd != 0 && start > prevEnd+1 {
			group = nil
		}
		prevEnd = s.fset.Position(fld.End()).Line
		for range max(len(fld.Names), 1) {
			if idx >= str.NumFields() {
				return out
			}
			v := str.Field(idx)
			if !bufmodel.IsLockType(v.Type()) {
				group = append(group, idx)
				idx++
				continue
			}
			for _, suffix := range lockSuffixes {
				prefix, ok := strings.CutSuffix(v.Name(), suffix)
				if !ok || len(prefix) < 2 {
					continue
				}
				for _, i := range group {
					if strings.HasPrefix(str.Field(i).Name(), prefix) {
						out[i] = idx
					}
				}
			}
			group = nil
			idx++
		}
	}
	return out
}

// lockFields returns the indices of a struct's lock fields; for each lock
// whose comment names the fields it guards ("closemu guards lasterr and
// closed"), those fields: no other field is inferred for it by
// convention or use; and the locks whose comment says they guard the
// fields that follow ("mu guards the following").
func lockFields(st *ast.StructType, str *types.Struct) ([]int, map[int]map[int]bool, map[int]bool) {
	var locks []int
	for i := range str.NumFields() {
		if bufmodel.IsLockType(str.Field(i).Type()) {
			locks = append(locks, i)
		}
	}
	named := map[int]map[int]bool{}
	below := map[int]bool{}
	idx := 0
	for _, fld := range st.Fields.List {
		for range max(len(fld.Names), 1) {
			if idx < str.NumFields() && bufmodel.IsLockType(str.Field(idx).Type()) {
				for _, w := range commentGuards(fld) {
					if i := fieldIndex(str, w); i >= 0 {
						if named[idx] == nil {
							named[idx] = map[int]bool{}
						}
						named[idx][i] = true
					}
					below[idx] = below[idx] || w == "following" || w == "below"
				}
			}
			idx++
		}
	}
	return locks, named, below
}

// rank orders the rules by the weight of what they rest on: an annotation
// over a comment over the convention over use over a read lock.
func rank(h facts.How) int {
	switch h {
	case facts.ByAnnotation:
		return 0
	case facts.ByComment:
		return 1
	case facts.ByConvention:
		return 2
	case facts.ByUse:
		return 3
	}
	return 4
}

// annotation returns the guard annotation of a field, from its doc or line
// comment: the comment, the annotation's text and the lock it names.
func annotation(fld *ast.Field) (*ast.Comment, string, string, bool) {
	for _, g := range []*ast.CommentGroup{fld.Doc, fld.Comment} {
		if g == nil {
			continue
		}
		for _, c := range g.List {
			if !strings.Contains(c.Text, "buflint:guardedby") && !strings.Contains(c.Text, "+checklocks") {
				continue // the regexp's literals, tested first: most comments are prose
			}
			if m := fieldAnnotation.FindStringSubmatch(c.Text); m != nil {
				return c, annotationText(m[0]), m[1], true
			}
		}
	}
	return nil, "", "", false
}

// guardDecl matches the ways a field's comment says which lock guards it:
// "guarded by mu", "protected by c.mu", "synchronized on rlock", "owned by
// the mutex", "under mu", "mu must be held". The lock is the
// last group; "below" or "following" before it extends the declaration
// to the rest of the field's group ("the fields below are guarded by mu").
var guardDecl = regexp.MustCompile("(?i)(?:\\b(?:guarded|protected|synchroni[sz]ed|owned|serialized|locked)\\s+(?:by|on|with|under)|\\bunder|\\bholding)\\s+(?:the\\s+)?`?([A-Za-z_][\\w]*(?:\\.[A-Za-z_]\\w*)*)`?|`?([A-Za-z_][\\w]*(?:\\.[A-Za-z_]\\w*)*)`?\\s+(?:must\\s+be|is)\\s+held")

// declaredGuard returns the guard a field's comment declares, and whether
// the declaration covers the fields that follow it too. English that
// names no lock of the struct (or of a struct it holds by value) is
// prose: nothing is declared.
func declaredGuard(fld *ast.Field, str *types.Struct, locks []int) (*facts.GuardFact, bool) {
	for _, g := range []*ast.CommentGroup{fld.Doc, fld.Comment} {
		if g == nil {
			continue
		}
		text := g.Text()
		if !mentionsGuard(text) {
			continue
		}
		for _, m := range guardDecl.FindAllStringSubmatchIndex(text, -1) {
			name := ""
			for i := 2; i+1 < len(m); i += 2 {
				if m[i] >= 0 {
					name = text[m[i]:m[i+1]]
				}
			}
			path, lock := resolveDeclared(str, name, locks)
			if path == nil || slices.ContainsFunc(path, func(s facts.Step) bool { return s.Op == facts.Load }) {
				// No lock of the struct, or one reached through a pointer:
				// the code takes that one through other pointers to the
				// same object, which keys cannot tell apart. Annotations
				// may name it; English is taken for locks of the struct.
				continue
			}
			before := strings.ToLower(text[:m[0]])
			if strings.HasSuffix(strings.TrimSpace(before), "also") || strings.HasSuffix(strings.TrimSpace(before), "(also") {
				continue // a second lock ("also guarded by wmu"): writes hold both, reads either
			}
			rest := strings.Contains(before, "below") || strings.Contains(before, "following")
			return &facts.GuardFact{Path: path, Lock: lock, How: facts.ByComment}, rest
		}
	}
	return nil, false
}

// resolveDeclared resolves a lock named in English: a lock field or a path
// through fields ("mu", "c.mu"), the same after a first word that names no
// field (a receiver: "s.mu"), or the struct's only lock ("the mutex", "the
// lock").
func resolveDeclared(str *types.Struct, name string, locks []int) ([]facts.Step, string) {
	switch strings.ToLower(name) {
	case "mutex", "lock", "mu", "rwmutex":
		if fieldIndex(str, name) < 0 && len(locks) == 1 {
			return lockPath(str, locks[0]), str.Field(locks[0]).Name()
		}
	}
	if path, why := resolveLock(str, name); why == "" {
		return path, name
	}
	if _, rest, ok := strings.Cut(name, "."); ok {
		if path, why := resolveLock(str, rest); why == "" {
			return path, rest
		}
	}
	return nil, ""
}

// commentGuards returns the field names a lock's comment says it guards
// ("mu protects buf and n"): the words after a guard word that are not
// paths into another object.
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
		words := strings.FieldsFunc(text[loc[1]:], func(r rune) bool {
			return !(r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		})
		for _, w := range words {
			w = strings.Trim(w, ".")
			if !strings.Contains(w, ".") {
				// A path (trInfo.tr) names a field of what the field
				// points to, not the field: "mu guards trInfo.tr".
				out = append(out, w)
			}
		}
	}
	return out
}

// resolveLock resolves a lock named in an annotation ("mu", or "inner.mu"
// through fields of s) to the path from a pointer to s to the lock value,
// or says why it cannot.
func resolveLock(s *types.Struct, name string) ([]facts.Step, string) {
	var path []facts.Step
	cur := s
	parts := strings.Split(name, ".")
	for i, part := range parts {
		j := fieldIndex(cur, part)
		if j < 0 {
			return nil, "there is no field " + part + " in the struct"
		}
		t := cur.Field(j).Type()
		if i == len(parts)-1 {
			if !bufmodel.IsLockType(t) {
				return nil, part + " is not a sync.Mutex, sync.RWMutex or sync.Locker"
			}
			return append(path, lockPath(cur, j)...), ""
		}
		path = append(path, facts.Step{Op: facts.FieldAddr, Index: j})
		if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
			path = append(path, facts.Step{Op: facts.Load})
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
func lockPath(s *types.Struct, i int) []facts.Step {
	path := []facts.Step{{Op: facts.FieldAddr, Index: i}}
	t := s.Field(i).Type()
	if _, ptr := types.Unalias(t).(*types.Pointer); ptr || types.IsInterface(t) {
		// A *sync.Mutex, or a sync.Locker: the lock is what the field holds.
		path = append(path, facts.Step{Op: facts.Load})
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

// declaredStructs calls f for each struct type of a type declaration,
// including those nested in its fields; types declared inside function
// bodies are left out.
func (s *scanner) declaredStructs(gd *ast.GenDecl, f func(*ast.StructType, *types.Struct)) {
	if gd.Tok != token.TYPE {
		return
	}
	for _, spec := range gd.Specs {
		ast.Inspect(spec.(*ast.TypeSpec).Type, func(n ast.Node) bool {
			st, ok := n.(*ast.StructType)
			if !ok {
				return true
			}
			if tv, ok := s.info.Types[st]; ok {
				if str, ok := tv.Type.(*types.Struct); ok {
					f(st, str)
				}
			}
			return true
		})
	}
}

// mentionsGuard reports whether a comment may declare a guard, before the
// regular expression is run on it: most field comments do not.
func mentionsGuard(text string) bool {
	for _, w := range []string{"guarded", "protected", "ynchroni", "owned", "serialized", "locked", "under", "holding", "held"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}
