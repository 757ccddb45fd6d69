// Package rules names buflint's checks and the rules each one reports. A
// rule id ("unpinned/after-release") is stable: it is every diagnostic's
// Category, the SARIF rule id, and what suppressions and settings may name
// besides a check. Checks renamed since a release keep their old names as
// aliases, so that flags, suppressions and settings written for them still
// work.
package rules

import (
	"slices"
	"strings"
)

// Rule ids, by check.
const (
	UnguardedAccess = "unguarded/access"      // a data accessor called where the guard is released
	UnguardedHelper = "unguarded/helper"      // a call to a helper that needs the guard, where it is released
	UnguardedGo     = "unguarded/go-helper"   // a helper that needs the guard, started as a goroutine
	UnguardedShared = "unguarded/read-locked" // guarded data changed while the guard is held only for reading
	UnguardedEntry  = "unguarded/entry"       // an exported method touching guarded data without the guard its type's methods take
	UnguardedAnnot  = "unguarded/annotation"  // a guard annotation that names no lock

	ResizeUnlocked = "resize/unlocked" // Resize where the guard is released
	ResizeExported = "resize/exported" // Resize while a view taken in the function is held

	UnpinnedAfterUnlock   = "unpinned/after-unlock"         // an alias used after its guard was released
	UnpinnedAfterResize   = "unpinned/after-resize"         // an alias used after a call that may move the data
	UnpinnedGoroutine     = "unpinned/goroutine"            // an alias pinned by a guard, used in or handed to a goroutine
	UnpinnedAfterRelease  = "unpinned/after-release"        // a view's slice used after the view's Release
	UnpinnedReleaseShared = "unpinned/release-while-shared" // a view released while a goroutine may use its slice
	UnpinnedUintptr       = "unpinned/uintptr"              // a uintptr into Go data used as an address after it was kept, or passed to C as an integer
	UnpinnedHeader        = "unpinned/header"               // a reflect slice or string header held as a value, or its Data set from a kept uintptr
	UnpinnedCgoStored     = "unpinned/cgo-stored"           // a Go pointer into Go data stored into C memory, unpinned
	UnpinnedCgoArg        = "unpinned/cgo-arg"              // the address of Go memory that holds Go pointers passed to C, unpinned
	UnpinnedLeakedView    = "unpinned/leaked-view"          // a view not released on some path
	UnpinnedAfterReuse    = "unpinned/after-reuse"          // an alias used after its buffer was written, reset, read from or put back in a pool
	UnpinnedAfterPut      = "unpinned/after-put"            // an object used after it was given back to its pool
	UnpinnedReuseShared   = "unpinned/reuse-while-shared"   // a buffer reused while a slice of it handed off may still be in use
	UnpinnedRetained      = "unpinned/retained"             // an alias kept where it outlives the function, its buffer reused after
	UnpinnedBorrowed      = "unpinned/borrowed"             // a Read or Write method returns while a goroutine or a receiver may still use its slice
	UnpinnedAnnot         = "unpinned/annotation"           // a //buflint:retains annotation that names no parameter

	IgnoresMalformed = "ignores/malformed" // a directive with no known check or rule, or no reason
	IgnoresStale     = "ignores/stale"     // a directive that silences nothing
)

// A Check is one analyzer of the suite, as users name it.
type Check struct {
	Name string
	// Aliases are former names, still accepted wherever a name is.
	Aliases []string
	Rules   []Rule
	// Engine is set for the checks that read lockregion's result; see
	// lockregion.Result for how that lets it free the result's memory.
	Engine bool
}

// A Rule is one kind of finding of a check.
type Rule struct {
	ID      string
	Summary string // one line, for rule tables and SARIF
	// AboutComments is set for rules that report comments (directives,
	// annotations) rather than code that runs: no run can show them.
	AboutComments bool
}

// Checks lists the checks in the order their findings are documented.
var Checks = []Check{
	{Name: "unguarded", Aliases: []string{"viewaccess"}, Engine: true, Rules: []Rule{
		{UnguardedAccess, "guarded data accessed where its guard is released", false},
		{UnguardedHelper, "a helper that needs the guard called where it is released", false},
		{UnguardedGo, "a helper that needs the guard started as a goroutine, which holds none", false},
		{UnguardedShared, "guarded data changed while its guard is held only for reading (RLock)", false},
		{UnguardedEntry, "an exported method touching guarded data without the lock its type's other methods take", false},
		{UnguardedAnnot, "a guard annotation that names no lock", true},
	}},
	{Name: "resize", Engine: true, Rules: []Rule{
		{ResizeUnlocked, "Resize where the guard is released", false},
		{ResizeExported, "Resize while a view is held: it fails with ErrExported", false},
	}},
	{Name: "unpinned", Engine: true, Rules: []Rule{
		{UnpinnedAfterUnlock, "an alias of guarded data used after its guard was released", false},
		{UnpinnedAfterResize, "an alias used after a call that may move or truncate the data", false},
		{UnpinnedGoroutine, "an alias pinned only by a guard, used in or handed to a goroutine", false},
		{UnpinnedAfterRelease, "a view's slice used after the view was released", false},
		{UnpinnedReleaseShared, "a view released while a goroutine may still use its slice", false},
		{UnpinnedUintptr, "a uintptr into Go data kept (across a call or an allocation, in a variable handed to a system call, through a wrapper, in a field or a global, in an integer field of a value handed to the system or to C) and used as an address, or passed to C as an integer", false},
		{UnpinnedHeader, "a reflect.SliceHeader or StringHeader held as a value, or its Data set from a uintptr kept elsewhere", false},
		{UnpinnedCgoStored, "a Go pointer into Go data stored into C memory without a runtime.Pinner", false},
		{UnpinnedCgoArg, "the address of Go memory that holds Go pointers passed to a C function without a runtime.Pinner", false},
		{UnpinnedLeakedView, "a view not released on some path", false},
		{UnpinnedAfterReuse, "an alias of a buffer used after the buffer was written, reset, read from or put back in its pool", false},
		{UnpinnedAfterPut, "an object read, written, returned or put back again after it was given back to its pool (sync.Pool.Put, or a helper that puts it)", false},
		{UnpinnedReuseShared, "a buffer reused while a slice of it handed to a goroutine or a channel may still be in use", false},
		{UnpinnedRetained, "an alias of a buffer kept in a field, a global or by a function that keeps it, and the buffer reused after", false},
		{UnpinnedBorrowed, "a Read or Write method that returns while a goroutine it started, or the receiver of what it sent, may still use its slice", false},
		{UnpinnedAnnot, "a //buflint:retains annotation that names no parameter", true},
	}},
	{Name: "ignores", Rules: []Rule{
		{IgnoresMalformed, "a //buflint:ignore directive with no known check or no reason", true},
		{IgnoresStale, "a //buflint:ignore directive that silences nothing", true},
	}},
}

// Canonical returns the current name of a check or rule given by its
// current or former name ("viewaccess" is "unguarded", "viewaccess/access"
// is "unguarded/access"), and whether it names one at all.
func Canonical(name string) (string, bool) {
	check, rule, hasRule := strings.Cut(name, "/")
	for _, c := range Checks {
		if c.Name != check && !slices.Contains(c.Aliases, check) {
			continue
		}
		if !hasRule {
			return c.Name, true
		}
		id := c.Name + "/" + rule
		for _, r := range c.Rules {
			if r.ID == id {
				return id, true
			}
		}
		return "", false
	}
	return "", false
}

// CheckOf returns the check a rule id belongs to ("unpinned" for
// "unpinned/after-release"); a check name is its own check.
func CheckOf(id string) string {
	check, _, _ := strings.Cut(id, "/")
	return check
}

// Names returns every check name users may type, current names first.
func Names() []string {
	var out []string
	for _, c := range Checks {
		out = append(out, c.Name)
	}
	for _, c := range Checks {
		out = append(out, c.Aliases...)
	}
	return out
}

// Lookup returns the rule with the given id.
func Lookup(id string) (Rule, bool) {
	for _, c := range Checks {
		for _, r := range c.Rules {
			if r.ID == id {
				return r, true
			}
		}
	}
	return Rule{}, false
}
