package unpinned

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/passes/lockregion"
)

// This file checks aliases of ordinary Go buffers: slices of a bytes.Buffer
// or a bufio.Reader's storage, a guarded []byte field loaded under its lock,
// a buffer from a sync.Pool, a scratch slice handed to another goroutine.

// ordinary reports whether an alias pinned as p is one of ordinary data,
// rather than of the buffer package's Buffer or View.
func ordinary(p lockregion.Pinning) bool {
	return p.Kind == lockregion.Data || (p.Kind == lockregion.Guard && p.Field.Valid())
}

// ordinaryUse reports a use at instr of the alias src, whose pin p is dead
// on some path (cell).
func (c *checker) ordinaryUse(instr ssa.Instruction, op, src ssa.Value, p lockregion.Pinning, cell lockregion.Cell) {
	_, isReturn := instr.(*ssa.Return)
	if cell.S != lockregion.Released && c.f.ThroughPhi(op, src) {
		// A variable assigned on several paths, and the alias dead on
		// some: those may be paths where the variable holds other data
		// ("line, err = r.ReadSlice(...); ...; line = copied").
		return
	}
	if isReturn && cell.S != lockregion.Released {
		// Returned past a deferred call that releases or reuses the data
		// on some paths only ("if !handedOff { pool.Put(b) }"): which
		// path returns is the flag's business, not this check's.
		return
	}
	name, prod := c.aliasName(src), c.f.Producer(src)
	subject := name + ", from " + prod + ","
	if name == unnamed {
		subject = "the slice from " + prod
	}
	here := lockregion.PosOf(instr)
	line := c.r.Line(cell.At, here)
	some := ""
	if cell.MayBe(lockregion.Held) {
		some = " on some path"
	}
	used := "is used"
	if isReturn {
		used = "is returned"
	}
	taken := analysis.RelatedInformation{Pos: src.Pos(), Message: name + " taken here"}
	guard := p.Key
	if p.Kind == lockregion.Data {
		guard = p.Guard
	}
	var rule, msg, what string
	switch cell.Why {
	case lockregion.ByReuse, lockregion.ByHelper:
		if cell.Why == lockregion.ByHelper && p.Kind != lockregion.Data {
			goto unlocked
		}
		if p.Given {
			if c.reachesInside(instr, op, src) {
				c.givenUse(instr, op, name, used, givenWords(c.res.Name(p.Key), cell, line)+some, cell)
			}
			return
		}
		rule = rules.UnpinnedAfterReuse
		data := c.res.Name(p.Key)
		msg = fmt.Sprintf("unpinned: %s %s after %s%s, which may overwrite or recycle its storage; copy what you need before (bytes.Clone)",
			subject, used, reuseWords(data, cell, line), some)
		what = data + " reused here"
	case lockregion.ByGo:
		rule = rules.UnpinnedGoroutine
		msg = fmt.Sprintf("unpinned: %s %s in the goroutine started at %s, which does not hold %s; copy the data (bytes.Clone) before starting the goroutine",
			subject, used, line, c.res.LockName(guard))
		what = "goroutine started here"
	default:
		goto unlocked
	}
	c.reportFix(instr, op, rule, msg, isReturn, analysis.RelatedInformation{Pos: cell.At, Message: what}, taken)
	return
unlocked:
	rule = rules.UnpinnedAfterUnlock
	lock := c.res.LockName(guard)
	msg = fmt.Sprintf("unpinned: %s %s after %s was released at %s%s; its storage belongs to whoever holds %s: copy it (bytes.Clone) while holding the lock, or take the buffer over by giving the field a new one",
		subject, used, lock, line, some, lock)
	c.reportFix(instr, op, rule, msg, isReturn, analysis.RelatedInformation{Pos: cell.At, Message: lock + " released here"}, taken)
}

// reachesInside reports whether instr, using op, which refers to the
// object given back as src, touches the object: it loads or stores
// through it, takes the address of a field or element, calls a method on
// it, gives it back again, or returns or sends it on. Handing the pointer
// itself to another function (assert.Nil(t, ce)) or comparing it is not:
// only what the pointer points to belongs to the pool now.
func (c *checker) reachesInside(instr ssa.Instruction, op, src ssa.Value) bool {
	if !lockregion.SameReference(op, src) {
		return true // a pointer into it: a field's or an element's address, a slice
	}
	switch i := instr.(type) {
	case *ssa.UnOp:
		return i.Op == token.MUL
	case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Return, *ssa.Send, *ssa.MapUpdate, *ssa.Lookup:
		return true
	case *ssa.Store:
		return i.Addr == op
	case ssa.CallInstruction:
		common := i.Common()
		if common.IsInvoke() {
			return common.Value == op
		}
		if fn := common.StaticCallee(); fn != nil && fn.Signature.Recv() != nil && len(common.Args) > 0 && common.Args[0] == op {
			return true // a method of the object
		}
		return c.f.GivesBack(instr, src)
	}
	return false
}

// givenUse reports a use of an object after it was given back to its
// pool (put, as put says): the next Get may hand it to another goroutine.
func (c *checker) givenUse(instr ssa.Instruction, op ssa.Value, name, used, put string, cell lockregion.Cell) {
	msg := fmt.Sprintf("unpinned: %s %s after %s; the pool may already have handed it to another goroutine: read what you need from it before giving it back",
		name, used, put)
	c.reportFix(instr, op, rules.UnpinnedAfterPut, msg, false, analysis.RelatedInformation{Pos: cell.At, Message: name + " given back here"})
}

// givenWords says what gave data back to its pool, as cell records it, at
// line: "the Put of b back into its pool at line 12", "the call to
// recycle at line 12, which gives b back to its pool".
func givenWords(data string, cell lockregion.Cell, line string) string {
	if cell.Why == lockregion.ByReuse {
		return reuseWords(data, cell, line)
	}
	call := "the call at " + line
	switch {
	case strings.HasPrefix(cell.Via, "the "): // a function literal
		call += " to " + cell.Via
	case cell.Via != "":
		call = "the call to " + cell.Via + " at " + line
	}
	return call + ", which gives " + data + " back to its pool"
}

// reuseWords says what reused data, as cell records it, at line:
// "b.Reset at line 12", "the Put of b back into its pool at line 12", "the
// call to putBuf at line 12 (it reuses b)".
func reuseWords(data string, cell lockregion.Cell, line string) string {
	switch {
	case cell.Why == lockregion.ByReuse && cell.Via == "Put":
		return "the Put of " + data + " back into its pool at " + line
	case cell.Why == lockregion.ByReuse:
		return data + "." + cell.Via + " at " + line
	case cell.Via == "":
		return "the call at " + line
	case strings.HasPrefix(cell.Via, "the "): // a function literal
		return "the call at " + line + " to " + cell.Via + " (it reuses " + data + ")"
	}
	return "the call to " + cell.Via + " at " + line + " (it reuses " + data + ")"
}

// retained reports, at a return, the aliases kept where they outlive the
// function (a field of an object it did not make, a global, a function
// that keeps its argument) whose data was reused after they were kept, on
// some path to here.
func (c *checker) retained(st *lockregion.State, reported map[token.Pos]bool) {
	st.Each(lockregion.Retained, func(k lockregion.Key, kept lockregion.Cell) {
		pos, srcs, callee := c.f.RetainedAt(k)
		if !kept.MayBe(lockregion.Released) || reported[pos] {
			return
		}
		for _, src := range srcs {
			p := c.f.Pinning(src)
			if p.Kind != lockregion.Data {
				continue
			}
			reported[pos] = true
			name, prod := c.aliasName(src), c.f.Producer(src)
			subject := name + ", from " + prod + ","
			if name == unnamed {
				subject = "the slice from " + prod
			}
			in, returned, holder := c.f.RetainedIn(k)
			where := "in " + c.res.NameOr(in, "memory that outlives the function")
			appended := c.f.RetainedAppended(k)
			switch {
			case returned && appended:
				where = "in the slice returned"
			case returned:
				where = "in the object returned"
			case holder.Valid() && appended:
				where = "in " + c.res.NameOr(holder, "memory that outlives the function")
			case holder.Valid():
				where = "in an object kept in " + c.res.NameOr(holder, "memory that outlives the function")
			}
			if callee != "" {
				where = "by " + callee + ", which keeps it after it returns"
			}
			data := c.res.Name(p.Key)
			some := ""
			if kept.MayBe(lockregion.Held) {
				some = " on some path"
			}
			c.r.Report(analysis.Diagnostic{
				Pos:      pos,
				Category: rules.UnpinnedRetained,
				Message: fmt.Sprintf("unpinned: %s is kept %s, and %s%s may overwrite or recycle its storage while it is kept; keep a copy (bytes.Clone)",
					subject, where, reuseWords(data, kept, c.r.Line(kept.At, pos)), some),
				Related: []analysis.RelatedInformation{
					{Pos: kept.At, Message: data + " reused here"},
					{Pos: src.Pos(), Message: name + " taken here"},
				},
			})
			return
		}
	})
}

// reportFix reports msg and, for an alias returned past a deferred call
// that releases or reuses its storage, offers to return a copy: the
// returned expression is evaluated before deferred calls run, so the copy
// is taken while the data is still valid.
func (c *checker) reportFix(instr ssa.Instruction, op ssa.Value, rule, msg string, isReturn bool, related ...analysis.RelatedInformation) {
	if !isReturn {
		c.report(instr, op, rule, msg, related...)
		return
	}
	pos := lockregion.PosOf(instr)
	d := analysis.Diagnostic{Pos: pos, Category: rule, Message: msg}
	for _, rel := range related {
		if rel.Pos.IsValid() {
			d.Related = append(d.Related, rel)
		}
	}
	if fix, ok := c.cloneFix(pos); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.r.Report(d)
}

// cloneFix offers, for "return x" at pos with x a []byte, to return
// append([]byte(nil), x...) instead: a copy, with no import to add.
func (c *checker) cloneFix(pos token.Pos) (analysis.SuggestedFix, bool) {
	file := c.fileOf(pos)
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	var ret *ast.ReturnStmt
	for _, n := range path {
		if r, ok := n.(*ast.ReturnStmt); ok {
			ret = r
			break
		}
	}
	if ret == nil || len(ret.Results) != 1 {
		return analysis.SuggestedFix{}, false
	}
	x := ret.Results[0]
	if t := c.pass.TypesInfo.TypeOf(x); t == nil || !types.Identical(t.Underlying(), types.NewSlice(types.Typ[types.Byte])) {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message: "return a copy",
		TextEdits: []analysis.TextEdit{
			{Pos: x.Pos(), End: x.Pos(), NewText: []byte("append([]byte(nil), ")},
			{Pos: x.End(), End: x.End(), NewText: []byte("...)")},
		},
	}, true
}

// reuseWhileShared reports a Reuse of data a slice of which was handed to a
// goroutine or sent on a channel, with no join since on some path.
func (c *checker) reuseWhileShared(ev lockregion.Event, st *lockregion.State) {
	shared := st.Get(lockregion.Shared, ev.Data)
	if !shared.MayBe(lockregion.Held) {
		return
	}
	data := c.res.NameOr(ev.Data, "the buffer")
	what := ev.Callee + " writes into " + data
	if ev.ByCall {
		what = ev.Callee + " reuses " + data + " (it calls " + ev.Method + ")"
	} else if ev.Method == "Put" {
		what = data + " is put back into its pool"
	} else if ev.Callee == "" || ev.Callee == ev.Method {
		what = ev.Method + " writes into " + data
	}
	c.r.Report(analysis.Diagnostic{
		Pos:      ev.Pos,
		Category: rules.UnpinnedReuseShared,
		Message: fmt.Sprintf("unpinned: %s while the slice of it handed off at %s may still be in use; give each hand-off its own buffer (allocate a new one, or send a copy), or wait for the receiver first",
			what, c.r.Line(shared.At, ev.Pos)),
		Related: []analysis.RelatedInformation{{Pos: shared.At, Message: "a slice of " + data + " handed off here"}},
	})
}
