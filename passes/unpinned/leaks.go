package unpinned

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/passes/lockregion"
)

// leaks reports views taken in this function that may still be held at ret.
// Views that escape are not tracked by lockregion, so every view seen here
// is one this function alone must release.
func (c *checker) leaks(ret *ssa.Return, st *lockregion.State, reported map[lockregion.Key]bool) {
	st.Each(lockregion.Handle, func(view lockregion.Key, cell lockregion.Cell) {
		call, ok := view.Root.(*ssa.Call)
		if !ok || call.Parent() != c.f.Fn || !cell.MayBe(lockregion.Held) || reported[view] {
			return
		}
		reported[view] = true
		name := c.res.NameOr(view, "the view")
		owner := c.res.Name(c.f.ViewOwner(view))
		retPos := lockregion.PosOf(ret)
		where := "on the path that returns at " + c.r.Line(retPos, call.Pos())
		if cell.MayBe(lockregion.Released) {
			where = "on the path that returns at " + c.r.Line(retPos, call.Pos()) + " (other paths release it)"
		}
		d := analysis.Diagnostic{
			Pos:      call.Pos(),
			Category: rules.UnpinnedLeakedView,
			Message: fmt.Sprintf("unpinned: view %s is not released %s; a leaked view pins %s and makes every Resize fail until it is collected: defer %s.Release() after taking it",
				name, where, owner, name),
			Related: []analysis.RelatedInformation{{Pos: retPos, Message: "returns with " + name + " still held"}},
		}
		if fix, ok := c.deferReleaseFix(call, view); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.r.Report(d)
	})
}

// deferReleaseFix offers "defer v.Release()" after "v := b.View()". It is
// sound because Release is idempotent (paths that already release stay
// correct) and only offered when no slice of the view outlives the function.
func (c *checker) deferReleaseFix(call *ssa.Call, view lockregion.Key) (analysis.SuggestedFix, bool) {
	if c.f.Start != lockregion.Called || c.sliceOutlives(view) {
		return analysis.SuggestedFix{}, false
	}
	file := c.fileOf(call.Pos())
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.Pos())
	var stmt *ast.AssignStmt
	for _, n := range path {
		if as, ok := n.(*ast.AssignStmt); ok {
			stmt = as
			break
		}
		if _, ok := n.(ast.Stmt); ok {
			break
		}
	}
	if stmt == nil || len(stmt.Lhs) != 1 || len(stmt.Rhs) != 1 {
		return analysis.SuggestedFix{}, false
	}
	id, ok := stmt.Lhs[0].(*ast.Ident)
	if !ok || id.Name == "_" {
		return analysis.SuggestedFix{}, false
	}
	indent := c.indentOf(stmt.Pos())
	return analysis.SuggestedFix{
		Message: "release " + id.Name + " when the function returns",
		TextEdits: []analysis.TextEdit{{
			Pos:     stmt.End(),
			End:     stmt.End(),
			NewText: []byte("\n" + indent + "defer " + id.Name + ".Release()"),
		}},
	}, true
}

// sliceOutlives reports whether data pinned by view may be used after the
// function returns: returned, stored outside local variables, sent, or
// handed to a goroutine.
func (c *checker) sliceOutlives(view lockregion.Key) bool {
	for _, b := range c.f.Fn.Blocks {
		for _, instr := range b.Instrs {
			var vals []ssa.Value
			switch i := instr.(type) {
			case *ssa.Return:
				vals = i.Results
			case *ssa.Send:
				vals = []ssa.Value{i.X}
			case *ssa.Go:
				vals = operands(i)
			case *ssa.MakeClosure:
				vals = i.Bindings
			case *ssa.Store:
				if lockregion.FlowOf(i, i.Val)&lockregion.Use == 0 {
					continue
				}
				vals = []ssa.Value{i.Val}
			}
			for _, v := range vals {
				for _, src := range c.f.Sources(v) {
					if kind, pin := c.f.Pin(src); kind == lockregion.Handle && pin == view {
						return true
					}
				}
			}
		}
	}
	return false
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// indentOf returns the white space that starts the line of pos.
func (c *checker) indentOf(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	src, err := c.pass.ReadFile(p.Filename)
	if err != nil {
		return "\t"
	}
	line := src[p.Offset-(p.Column-1) : p.Offset]
	if i := bytes.IndexFunc(line, func(r rune) bool { return r != ' ' && r != '\t' }); i >= 0 {
		line = line[:i]
	}
	return string(line)
}
