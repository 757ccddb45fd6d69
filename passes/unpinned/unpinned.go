package unpinned

import (
	_ "embed"
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/internal/checkdoc"
	"github.com/buflint/buflint/passes/lockregion"
)

//go:embed doc.go
var doc string

// Analyzer is the unpinned analyzer; see the package documentation.
var Analyzer = &analysis.Analyzer{
	Name:     "unpinned",
	Doc:      checkdoc.MustExtract(doc, "unpinned"),
	URL:      "https://github.com/buflint/buflint/tree/main/passes/unpinned",
	Requires: []*analysis.Analyzer{lockregion.Analyzer},
	Run:      run,
}

type checker struct {
	pass *analysis.Pass
	res  *lockregion.Result
	r    *lockregion.Reporter
	f    *lockregion.Func
}

func run(pass *analysis.Pass) (any, error) {
	res, r := lockregion.ForPass(pass)
	c := &checker{pass: pass, res: res, r: r}
	for _, b := range res.BadAnnotations {
		if b.Retains {
			r.Report(analysis.Diagnostic{
				Pos:      b.Pos,
				Category: rules.UnpinnedAnnot,
				Message:  fmt.Sprintf("unpinned: %s: %s; name the parameters the function keeps after it returns, or none for all of them", b.Text, b.Why),
			})
		}
	}
	keptIO, closers := map[*ssa.Function]bool{}, map[*ssa.Function]bool{}
	for f := range res.Solved() {
		c.f = f
		c.keptIOSlice(keptIO)
		c.givenFromFields(closers)
		leaked := map[lockregion.Key]bool{}
		kept := map[token.Pos]bool{}
		lent := map[lockregion.Key]bool{}
		f.Walk(lockregion.Visitor{
			Instr: func(instr ssa.Instruction, st *lockregion.State) {
				c.uses(instr, st)
				if ret, ok := instr.(*ssa.Return); ok {
					c.leaks(ret, st, leaked)
					c.retained(st, kept)
					c.borrowed(ret, st, lent)
				}
			},
			Event: func(ev lockregion.Event, st *lockregion.State) {
				if ev.Effect.Has(bufmodel.Close) {
					c.releaseWhileShared(ev, st)
				}
				if ev.Effect.Has(bufmodel.Reuse) && ev.Data.Valid() {
					c.reuseWhileShared(ev, st)
				}
			},
		})
	}
	c.unsafeRefs()
	r.Finish()
	return nil, nil
}

// uses reports operands of instr that alias data nothing pins any more.
func (c *checker) uses(instr ssa.Instruction, st *lockregion.State) {
	for _, op := range operands(instr) {
		if lockregion.FlowOf(instr, op)&lockregion.Use == 0 {
			continue
		}
		for _, src := range c.f.Sources(op) {
			if p := c.f.Pinning(src); p.Entry {
				c.entryUse(instr, op, src, p, st)
				continue
			} else if ordinary(p) {
				if cell := st.Get(lockregion.Alias, lockregion.Key{Root: src}); cell.MayBe(lockregion.Released) {
					c.ordinaryUse(instr, op, src, p, cell)
				}
				continue
			}
			kind, pin := c.f.Pin(src)
			taken := analysis.RelatedInformation{Pos: src.Pos(), Message: c.aliasName(src) + " taken here"}
			if _, ok := instr.(*ssa.Go); ok && kind == lockregion.Guard {
				c.report(instr, op, rules.UnpinnedGoroutine, fmt.Sprintf("unpinned: %s, an unpinned alias from %s.Bytes(), is handed to a goroutine, which does not hold %s's lock; give the goroutine a View's slice and release the view after it finishes",
					c.aliasName(src), c.res.Name(pin), c.res.Name(pin)), taken)
				continue
			}
			cell := st.Get(lockregion.Alias, lockregion.Key{Root: src})
			if !cell.MayBe(lockregion.Released) {
				continue
			}
			c.report(instr, op, staleRule(kind, cell), c.staleMessage(src, kind, pin, cell, instr),
				analysis.RelatedInformation{Pos: cell.At, Message: c.releasedWhat(kind, pin, cell)}, taken)
		}
	}
}

// staleRule is the rule of a use of an alias whose pin was released as cell
// says.
func staleRule(kind lockregion.Kind, cell lockregion.Cell) string {
	switch {
	case kind == lockregion.Handle:
		return rules.UnpinnedAfterRelease
	case cell.Why == lockregion.ByInvalidate:
		return rules.UnpinnedAfterResize
	case cell.Why == lockregion.ByGo:
		return rules.UnpinnedGoroutine
	}
	return rules.UnpinnedAfterUnlock
}

func (c *checker) staleMessage(src ssa.Value, kind lockregion.Kind, pin lockregion.Key, cell lockregion.Cell, at ssa.Instruction) string {
	name, pinName := c.aliasName(src), c.res.Name(pin)
	here := lockregion.PosOf(at)
	line := c.r.Line(cell.At, here)
	some := ""
	if cell.MayBe(lockregion.Held) {
		some = " on some path"
	}
	if kind == lockregion.Handle {
		return fmt.Sprintf("unpinned: %s is used after its view %s was released at %s%s; release the view only when the work on its slice is done",
			name, pinName, line, some)
	}
	switch cell.Why {
	case lockregion.ByInvalidate:
		return fmt.Sprintf("unpinned: %s, from %s.Bytes(), is used after %s.%s at %s%s, which may have moved or truncated the data; call %s.Bytes() again after resizing",
			name, pinName, pinName, cell.Via, line, some, pinName)
	case lockregion.ByGo:
		return fmt.Sprintf("unpinned: %s, an unpinned alias from %s.Bytes(), is used in the goroutine started at %s, which does not hold %s's lock; give the goroutine a View's slice instead",
			name, pinName, line, pinName)
	case lockregion.ByHelper:
		return fmt.Sprintf("unpinned: %s, an unpinned alias from %s.Bytes(), is used after the call at %s released %s's lock%s; take a View before releasing the lock and use its slice instead",
			name, pinName, line, pinName, some)
	}
	return fmt.Sprintf("unpinned: %s, an unpinned alias from %s.Bytes(), is used after %s's lock was released at %s%s; take a View before Unlock and use its slice instead, or copy the data while holding the lock",
		name, pinName, pinName, line, some)
}

func (c *checker) releasedWhat(kind lockregion.Kind, pin lockregion.Key, cell lockregion.Cell) string {
	name := c.res.Name(pin)
	switch {
	case kind == lockregion.Handle:
		return "view " + name + " released here"
	case cell.Why == lockregion.ByInvalidate:
		return name + " resized here"
	case cell.Why == lockregion.ByGo:
		return "goroutine started here"
	}
	return name + "'s lock released here"
}

// unnamed is the name of an alias that no variable holds.
const unnamed = "the data"

func (c *checker) aliasName(src ssa.Value) string {
	return c.res.NameOr(lockregion.Key{Root: src}, unnamed)
}

// report reports msg at the position of instr (or of the operand, for
// instructions that have none of their own), with the related information
// whose positions are known.
func (c *checker) report(instr ssa.Instruction, op ssa.Value, rule, msg string, related ...analysis.RelatedInformation) {
	pos := instr.Pos()
	if !pos.IsValid() && op != nil {
		pos = op.Pos()
	}
	if !pos.IsValid() {
		pos = lockregion.PosOf(instr)
	}
	d := analysis.Diagnostic{Pos: pos, Category: rule, Message: msg}
	for _, rel := range related {
		if rel.Pos.IsValid() {
			d.Related = append(d.Related, rel)
		}
	}
	c.r.Report(d)
}

func operands(instr ssa.Instruction) []ssa.Value {
	var out []ssa.Value
	for _, p := range instr.Operands(nil) {
		if p != nil && *p != nil {
			out = append(out, *p)
		}
	}
	return out
}
