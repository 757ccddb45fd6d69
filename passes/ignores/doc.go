// Package ignores defines an Analyzer that reports malformed buflint
// suppression directives.
//
// # Analyzer ignores
//
// ignores: report //buflint:ignore directives that name no known check or give no reason
//
// A finding is silenced by a directive on its line, or alone on the line
// above it:
//
//	//buflint:ignore unpinned the writer copies p before returning
//	w.Write(p)
//
// The directive must name one check (viewaccess, resize, unpinned) and say
// why. This pass reports directives that do not; each check reports its own
// directives that silence nothing, as stale.
package ignores
