// Package viewaccess defines an Analyzer that reports calls to buffer data
// accessors where the buffer's lock is released.
//
// # Analyzer viewaccess
//
// viewaccess: report data accessors called while the buffer's lock is released
//
// Buffer.Len, Buffer.Bytes, Buffer.View, View.Len and View.Bytes read the
// buffer's metadata and contents, which belong to whoever holds its lock.
// Called after Unlock they race with every goroutine that resizes or writes
// the buffer. viewaccess reports such calls, and calls to functions whose
// facts say they need the lock (a helper that reads a buffer parameter
// without locking it), including helpers started with go, since a goroutine
// never holds its parent's lock.
//
//	b.Lock()
//	v := b.View()
//	b.Unlock()
//	n := v.Len() // viewaccess: View.Len called while b is unlocked
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
// The lock states come from the lockregion pass; see its documentation for
// how locks are identified and which paths are followed.
package viewaccess
