// Package lockregion defines an Analyzer that computes, for every function of
// a package, where each buffer's lock is held and where it is released. It
// reports nothing itself: unguarded, resize and unpinned read its Result.
//
// # Analyzer lockregion
//
// lockregion: compute the regions where buffer locks are held or released
//
// The analysis is a forward dataflow over each function's SSA form. At every
// instruction it knows, for each buffer lock the function touches, the set of
// states it may be in: held, released, or as it was on entry. Where paths
// disagree the set has several members, and findings say "on some path" and
// name the Unlock of one path that released it.
//
// Lock identity follows the buffer value: b, s.buf (through any number of
// loads of the same field), a local copy of either, and phi nodes whose edges
// all name the same buffer. A phi that may be either of two buffers is a
// buffer of its own; an element at a variable index, or a buffer behind an
// interface, has no identity and is never reported on.
//
// Lock, Unlock, TryLock (held on its success branch only), defer b.Unlock(),
// method values (unlock := b.Unlock; defer unlock()), branches, loops, early
// returns and panics are followed. A function's entry state is inferred: when
// its first lock operation on every path is Lock, it was entered released;
// when it is Unlock, held. Function literals called in place, deferred, or
// run as range-over-func loop bodies are analyzed again in the caller's state
// at the call, with their captured variables renamed to the caller's; a
// goroutine body (go func(){...}()) starts with every lock released.
//
// # Facts
//
// Each function exports a LockFact describing, for the locks it reaches
// through its parameters (the receiver is parameter 0), what it needs on
// entry (held: it reads data without locking; released: it takes the lock)
// and what it leaves on exit, and whether it drops and retakes the lock
// during the call. Callers in this and importing packages apply the fact at
// the call instead of reporting a mismatch, and check their state against
// it; go f(b) is checked as a call made without any lock.
//
// # Cost
//
// lockregion does not require buildssa: that would make the driver build SSA
// for every package it visits. Instead run first decides, from the import
// list and package facts alone, whether the package can matter: it must
// import the buffer package or a package that exports the HasLockFacts
// package fact. Only then does it build SSA for the package, the way
// buildssa does. Other packages cost a look at their imports, and at the
// syntax of their functions when they use the standard library's buffers
// or unsafe, reflect, a system package or cgo: SSA is built, when a check
// asks, only for the functions where an alias may outlive its buffer or a
// uintptr, header or C store may refer to buffer data. A variant of a
// package that a driver loading tests type-checks again, with the same
// syntax, reuses the first analysis when its imports answer every fact
// question it asked the same way. Functions larger than the solver's
// budget are marked incomplete and not reported on.
package lockregion
