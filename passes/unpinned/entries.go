package unpinned

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/passes/lockregion"
)

// Entries of guarded storage: an object kept in a map, a slice or a
// pointer field that a lock guards is guarded by that lock too, for the
// fields the package writes while holding it. A reference to it taken
// under the lock (e := c.m[k], or returned by a helper that locks) and used
// after the lock is released reads or writes those fields unguarded. An
// entry whose fields nothing writes under the lock is immutable once
// published, and stays quiet.

// entryUse reports instr, which reads or writes a field of the entry op
// refers to (taken as src), where the storage's guard may be released,
// when the package writes that field holding the guard elsewhere.
func (c *checker) entryUse(instr ssa.Instruction, op, src ssa.Value, p lockregion.Pinning, st *lockregion.State) {
	fa, ok := instr.(*ssa.FieldAddr)
	if !ok || fa.X != op {
		return
	}
	fld := lockregion.FieldOf(fa)
	where, ok := c.entryWritten(fld, src)
	if !ok {
		return // never written under the guard: immutable once published
	}
	cell := st.Get(lockregion.Alias, lockregion.Key{Root: src})
	if !cell.MayBe(lockregion.Released) {
		return
	}
	if g := st.Get(lockregion.Guard, p.Key); g.S == lockregion.Held {
		return // taken again: the entry's fields are guarded, not its storage's slot
	}
	verb := "read"
	for _, r := range *fa.Referrers() {
		if s, ok := r.(*ssa.Store); ok && s.Addr == ssa.Value(fa) {
			verb = "written"
		}
	}
	entry, lock := c.aliasName(src), c.res.LockName(p.Key)
	storage := "the storage " + lock + " guards"
	if p.Field.Valid() {
		storage = c.res.Name(p.Field)
	} else if call, ok := src.(*ssa.Call); ok && call.Call.StaticCallee() != nil {
		storage += ", returned by " + c.res.FuncName(call.Call.StaticCallee())
	}
	some := ""
	if cell.MayBe(lockregion.Held) {
		some = " on some path"
	}
	when := "after " + lock + " was released at " + c.r.Line(cell.At, instr.Pos())
	switch cell.Why {
	case lockregion.ByHelper:
		when = "after " + lock + " was released by the call at " + c.r.Line(cell.At, instr.Pos())
	case lockregion.ByGo:
		when = "in the goroutine started at " + c.r.Line(cell.At, instr.Pos()) + ", which does not hold " + lock
	}
	c.report(instr, op, rules.UnpinnedAfterUnlock, fmt.Sprintf("unpinned: %s.%s is %s %s%s; %s is an entry of %s, and %s guards its field %s (written holding it %s): use it before the Unlock, or copy what you need while holding the lock",
		entry, fld.Name(), verb, when, some, entry, storage, lock, fld.Name(), where),
		analysis.RelatedInformation{Pos: cell.At, Message: lock + " released here"},
		analysis.RelatedInformation{Pos: src.Pos(), Message: entry + " taken here"},
		analysis.RelatedInformation{Pos: c.entryWritePos(fld), Message: fld.Name() + " written holding " + lock + " here"})
}

// entryWritten says where the package writes the entry field fld holding
// its storage's guard ("at line 12"), or, for an entry an imported
// function returned, that its package does ("in package cache"); false
// when nothing does.
func (c *checker) entryWritten(fld *types.Var, src ssa.Value) (string, bool) {
	if pos, ok := c.res.EntryWrite(fld); ok {
		return "at " + c.r.Line(pos, src.Pos()), true
	}
	call, ok := src.(*ssa.Call)
	if !ok || call.Call.StaticCallee() == nil {
		return "", false
	}
	callee := call.Call.StaticCallee()
	if slices.Contains(c.res.EntryFields(callee), fld.Name()) {
		return "in package " + lockregion.PkgOf(callee).Name(), true
	}
	return "", false
}

// entryWritePos is where the package writes fld holding its guard, or no
// position when another package does.
func (c *checker) entryWritePos(fld *types.Var) token.Pos {
	pos, _ := c.res.EntryWrite(fld)
	return pos
}
