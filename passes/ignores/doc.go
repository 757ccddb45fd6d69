// Package ignores defines an Analyzer that reports malformed buflint
// suppression directives.
//
// # Analyzer ignores
//
// ignores: report //buflint:ignore directives that name no known check or rule, or give no reason
//
// A finding is silenced by a directive on its line, or alone on the line
// above it:
//
//	//buflint:ignore unpinned the writer copies p before returning
//	w.Write(p)
//
// The directive must name one check (unguarded, resize, unpinned) or one
// rule of a check (unpinned/after-release; each check's documentation lists
// its rules), and say why. Former check names (viewaccess) are accepted.
//
// Rules:
//
//   - ignores/malformed: a directive that names no known check or rule, or
//     gives no reason, reported by this pass;
//   - ignores/stale: a directive that silences nothing, reported by the
//     check it names.
package ignores
