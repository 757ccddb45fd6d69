package lockregion

import (
	"fmt"
	"go/token"
	"go/types"
	"iter"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/analyzer/suppress"
)

// A Reporter reports diagnostics for one pass, once per position and
// message: a function literal analyzed in several contexts may find the
// same problem in each.
type Reporter struct {
	pass   *analysis.Pass
	res    *Result
	seen   map[string]bool
	ignore []suppress.Directive // well-formed directives naming this check
	used   []bool
}

// ForPass returns lockregion's result for pass, which must require
// Analyzer, and a Reporter for it: what every check starts from.
func ForPass(pass *analysis.Pass) (*Result, *Reporter) {
	res := pass.ResultOf[Analyzer].(*Result)
	return res, NewReporter(pass, res)
}

// Solved yields the function contexts that were solved completely and are
// not annotated +checklocksignore; checks report nothing from the others.
func (r *Result) Solved() iter.Seq[*Func] {
	return func(yield func(*Func) bool) {
		for _, f := range r.Funcs() {
			if f.Complete && !f.ignored() && !yield(f) {
				return
			}
		}
	}
}

// NewReporter returns a Reporter for pass.
func NewReporter(pass *analysis.Pass, res *Result) *Reporter {
	r := &Reporter{pass: pass, res: res, seen: map[string]bool{}}
	for _, d := range suppress.Parse(pass.Fset, pass.Files, pass.ReadFile) {
		if d.CheckName() == pass.Analyzer.Name && d.Problem() == "" {
			r.ignore = append(r.ignore, d)
		}
	}
	r.used = make([]bool, len(r.ignore))
	return r
}

// Report reports d unless it was reported already, has no position, or a
// //buflint:ignore directive for its check or rule covers it. d.Category
// must be the finding's rule id.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if !d.Pos.IsValid() {
		return
	}
	id := fmt.Sprint(d.Pos, d.Message)
	if r.seen[id] {
		return
	}
	r.seen[id] = true
	for i, ig := range r.ignore {
		if ig.Matches(d.Category) && ig.Covers(r.pass.Fset, d.Pos) {
			r.used[i] = true
			return
		}
	}
	r.pass.Report(d)
}

// Finish reports the directives for this check that silenced nothing. Every
// check calls it once it has reported all its findings, and must not read
// the Result afterwards.
func (r *Reporter) Finish() {
	defer r.res.done(r.pass.Analyzer.Name)
	for i, ig := range r.ignore {
		if !r.used[i] {
			r.pass.Report(analysis.Diagnostic{
				Pos:      ig.Pos,
				Category: rules.IgnoresStale,
				Message: fmt.Sprintf("%s: stale //buflint:ignore: there is no %s finding on this line or the next; remove the directive",
					r.pass.Analyzer.Name, ig.Check),
			})
		}
	}
}

// Line renders pos as "line N" when it is in the file of here, or as
// "file.go:N" otherwise.
func (r *Reporter) Line(pos, here token.Pos) string {
	p, h := r.pass.Fset.Position(pos), r.pass.Fset.Position(here)
	if p.Filename == h.Filename {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// LockState describes, for a message at here, why the guard k is not held
// in cell c: "b is unlocked (released at line 12)", "s.mu may be unlocked
// (...)" when other paths hold it.
func (r *Reporter) LockState(c Cell, k Key, here token.Pos) string {
	name := r.res.Name(k)
	some := ""
	if c.S != Released {
		some = " on some path"
	}
	at := r.Line(c.At, here)
	switch c.Why {
	case ByEntry:
		return fmt.Sprintf("%s is not locked yet%s (this function first locks it at %s)", name, some, at)
	case ByGo:
		return fmt.Sprintf("the goroutine started at %s does not hold %s", at, r.res.LockName(k))
	case ByHelper:
		if some != "" {
			return fmt.Sprintf("%s may be unlocked (the call at %s may leave it unlocked)", name, at)
		}
		return fmt.Sprintf("%s is unlocked (the call at %s releases it)", name, at)
	}
	if some != "" {
		return fmt.Sprintf("%s may be unlocked (released at %s on some path)", name, at)
	}
	return fmt.Sprintf("%s is unlocked (released at %s)", name, at)
}

// Related returns related information pointing at where c was released.
func (r *Reporter) Related(c Cell, what string) []analysis.RelatedInformation {
	if !c.At.IsValid() {
		return nil
	}
	return []analysis.RelatedInformation{{Pos: c.At, Message: what}}
}

// PosOf returns a source position for instr: its own, or else that of the
// nearest instruction after it in its block that has one, or else, for a
// return, the closing brace of the function.
func PosOf(instr ssa.Instruction) token.Pos {
	if p := instr.Pos(); p.IsValid() {
		return p
	}
	b := instr.Block()
	if b != nil {
		after := false
		for _, i := range b.Instrs {
			if i == instr {
				after = true
				continue
			}
			if after && i.Pos().IsValid() {
				if _, ok := i.(*ssa.DebugRef); !ok {
					return i.Pos()
				}
			}
		}
	}
	if fn := instr.Parent(); fn != nil {
		if body := funcBody(fn); body != nil {
			return body.Rbrace
		}
		return fn.Pos()
	}
	return token.NoPos
}

// GuardOf returns the guard of a field the package's code accessed, or nil.
func (r *Result) GuardOf(v *types.Var) *GuardFact { return r.analysis().guards[v] }

// FuncName names a function for messages: "helper", "(*T).method".
func (r *Result) FuncName(fn *ssa.Function) string { return r.analysis().funcName(fn) }

// EntryAcquirer reports whether f is an entry point for the guard k of the
// field fld it accesses without taking k: an exported method, reached by
// callers outside the package who cannot take the guard (an unexported
// lock reached from the receiver), not named ...Locked, of a type another
// of whose methods takes k itself, which shows the type is meant for
// concurrent use under k. It returns that method, the first by name so
// that messages do not depend on map order.
func (r *Result) EntryAcquirer(f *Func, k Key, fld *types.Var) (*ssa.Function, bool) {
	return r.analysis().entryAcquirer(f, k, fld)
}

func (a *pkgAnalysis) entryAcquirer(f *Func, k Key, fld *types.Var) (*ssa.Function, bool) {
	obj, ok := f.Fn.Object().(*types.Func)
	recv := f.Fn.Signature.Recv()
	if !ok || f.Start != Called || !obj.Exported() || recv == nil || len(f.Fn.Params) == 0 ||
		k.Root != f.Fn.Params[0] || strings.HasSuffix(obj.Name(), "Locked") {
		return nil, false
	}
	g := a.guardOf(fld)
	if g == nil || token.IsExported(g.Lock[strings.LastIndexByte(g.Lock, '.')+1:]) {
		return nil, false
	}
	named := namedType(recv.Type())
	steps := k.Path.Steps()
	var best *ssa.Function
	for fn, fact := range a.summaries {
		if fact == nil || fn == f.Fn || fn.Signature.Recv() == nil || namedType(fn.Signature.Recv().Type()) != named {
			continue
		}
		for _, p := range fact.Params {
			if p.Param == 0 && p.Entry == Released && slices.Equal(p.Path, steps) &&
				(best == nil || a.funcName(fn) < a.funcName(best)) {
				best = fn
			}
		}
	}
	return best, best != nil
}

// namedType returns the named type t is or points to.
func namedType(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// LockName names the guard k for messages: "s.mu" for a lock, "b's lock"
// for an object that is its own guard (a buffer.Buffer).
func (r *Result) LockName(k Key) string {
	name := r.analysis().Name(k)
	if r.IsLock(k) {
		return name
	}
	return name + "'s lock"
}

// IsLock reports whether the guard k is a lock (a sync.Mutex or RWMutex)
// rather than an object that guards its own data (a buffer.Buffer).
func (r *Result) IsLock(k Key) bool {
	t := r.analysis().typeOf(k)
	return t != nil && bufmodel.IsLockType(t)
}
