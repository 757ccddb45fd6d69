package unpinned

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/passes/lockregion"
)

// releaseWhileShared reports a Release of a view whose slice was handed to a
// goroutine that has not been joined on some path to the Release.
func (c *checker) releaseWhileShared(ev lockregion.Event, st *lockregion.State) {
	shared := st.Get(lockregion.Shared, ev.Handle)
	if !shared.MayBe(lockregion.Held) {
		return
	}
	name := c.res.Name(ev.Handle)
	verb := "Release"
	if ev.Deferred {
		verb = "deferred Release"
	}
	c.r.Report(analysis.Diagnostic{
		Pos:      ev.Pos,
		Category: rules.UnpinnedReleaseShared,
		Message: fmt.Sprintf("unpinned: %s of view %s while the goroutine started at %s may still use its slice; wait for the goroutine (for example with a sync.WaitGroup) before releasing, or let the goroutine release the view",
			verb, name, c.r.Line(shared.At, ev.Pos)),
		Related: []analysis.RelatedInformation{{Pos: shared.At, Message: "goroutine using " + name + "'s slice started here"}},
	})
}

// borrowed reports a Read, ReadAt, Write or WriteAt method that returns
// while a goroutine it started, or the receiver of what it sent, may still
// use its slice parameter: the io contract says the method must not keep
// it, and the caller reuses it at once (the next Read into the same
// buffer, a Put back into its pool).
func (c *checker) borrowed(ret *ssa.Return, st *lockregion.State, reported map[lockregion.Key]bool) {
	fn := c.f.Fn
	if !ioMethod(fn) {
		return
	}
	st.Each(lockregion.Shared, func(k lockregion.Key, cell lockregion.Cell) {
		p, ok := k.Root.(*ssa.Parameter)
		if !ok || !k.Path.Empty() || !cell.MayBe(lockregion.Held) || reported[k] || len(fn.Params) < 2 || p != fn.Params[1] {
			return
		}
		reported[k] = true
		c.report(ret, nil, rules.UnpinnedBorrowed, fmt.Sprintf("unpinned: %s returns while %s, handed off at %s, may still be in use; an io.%s must not keep %s after it returns (its caller reuses it): wait for the goroutine or the receiver before returning, or hand off a copy",
			fn.Name(), p.Name(), c.r.Line(cell.At, lockregion.PosOf(ret)), ioInterface(fn.Name()), p.Name()),
			analysis.RelatedInformation{Pos: cell.At, Message: p.Name() + " handed off here"})
	})
}

// keptIOSlice reports a Read, ReadAt, Write or WriteAt method that keeps
// its slice parameter after it returns: it stores it, a slice of it or
// something holding one where the method's receiver, another parameter or
// a global keeps it, itself or through a function whose fact says it
// keeps its argument (a ring's Push, a queue of chunks). The io contract
// says it must not: the caller reuses the slice at once.
func (c *checker) keptIOSlice(reported map[*ssa.Function]bool) {
	fn := c.f.Fn
	if reported[fn] || !ioMethod(fn) || len(fn.Params) < 2 {
		return
	}
	pos, via, ok := c.f.KeptAt(1)
	if !ok {
		return
	}
	reported[fn] = true
	if !pos.IsValid() {
		pos = fn.Pos()
	}
	p := fn.Params[1].Name()
	how := "stored here"
	if via != "" {
		how = via + " keeps it"
	}
	c.r.Report(analysis.Diagnostic{
		Pos:      pos,
		Category: rules.UnpinnedBorrowed,
		Message: fmt.Sprintf("unpinned: %s keeps %s after it returns (%s); an io.%s must not keep %s (its caller reuses it): keep a copy (bytes.Clone)",
			c.res.FuncName(fn), p, how, ioInterface(fn.Name()), p),
	})
}

// ioMethod reports whether fn is a method with the signature of
// io.Reader's Read, io.ReaderAt's ReadAt, io.Writer's Write or
// io.WriterAt's WriteAt.
func ioMethod(fn *ssa.Function) bool {
	sig := fn.Signature
	if sig.Recv() == nil || sig.Results().Len() != 2 || sig.Params().Len() == 0 || !bufmodel.IsByteSlice(sig.Params().At(0).Type()) {
		return false
	}
	switch fn.Name() {
	case "Read", "Write":
		return sig.Params().Len() == 1
	case "ReadAt", "WriteAt":
		return sig.Params().Len() == 2
	}
	return false
}

// ioInterface names the io interface whose method name is.
func ioInterface(name string) string {
	switch name {
	case "Read":
		return "Reader"
	case "ReadAt":
		return "ReaderAt"
	case "Write":
		return "Writer"
	}
	return "WriterAt"
}
