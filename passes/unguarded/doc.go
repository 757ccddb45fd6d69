// Package unguarded defines an Analyzer that reports guarded data read or
// written where its guard is released.
//
// # Analyzer unguarded
//
// unguarded: report guarded data accessed where its guard is released
//
// Buffer.Len, Buffer.Bytes, Buffer.View, View.Len and View.Bytes read the
// buffer's metadata and contents, which belong to whoever holds its lock.
// Called after Unlock they race with every goroutine that resizes or writes
// the buffer. unguarded reports such calls, and calls to functions whose
// facts say they need the lock (a helper that reads a buffer parameter
// without locking it), including helpers started with go, since a goroutine
// never holds its parent's lock.
//
//	b.Lock()
//	v := b.View()
//	b.Unlock()
//	n := v.Len() // unguarded: View.Len called while b is unlocked
//
// Fix it by reading what you need before the Unlock and working on the
// copy, or on the slice of a held view:
//
//	b.Lock()
//	v := b.View()
//	n, p := v.Len(), v.Bytes()
//	b.Unlock()
//	use(n, p)
//	v.Release()
//
// Rules (each finding's category, which //buflint:ignore may name):
//
//   - unguarded/access: a data accessor called where the lock is released,
//     or released on some path to the call;
//   - unguarded/helper: a call to a helper that needs the lock, there;
//   - unguarded/go-helper: a helper that needs the lock started with go.
//
// The check was called viewaccess before; that name still works in flags,
// suppressions and golangci-lint settings.
//
// The lock states come from the lockregion pass; see its documentation for
// how locks are identified and which paths are followed.
package unguarded
