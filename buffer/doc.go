// Package buffer is a Go rendering of CPython's buffer protocol: a byte
// buffer guarded by a lock, whose contents can be exported as pinned views
// that stay valid after the lock is released.
//
// The lock plays the role of CPython's interpreter lock. A [Buffer]'s
// metadata and contents belong to whoever holds its lock: [Buffer.Len],
// [Buffer.Bytes], [Buffer.View] and [Buffer.Resize] may only be called with
// the lock held. A [View] plays the role of a Py_buffer export: taking one
// increments the buffer's export counter, and while the counter is non-zero
// the buffer refuses to resize (with [ErrExported], the twin of BufferError),
// so the exported memory neither moves nor is reused.
//
// The canonical use reads everything it needs while holding the lock, drops
// the lock for the slow part, and works only on the plain slice the view
// pinned:
//
//	b.Lock()
//	v := b.View()
//	p := v.Bytes() // pinned until v.Release()
//	b.Unlock()
//
//	sum := sha256.Sum256(p) // no lock held: only the pinned slice is used
//
//	v.Release()
//
// [Buffer.Bytes] returns an unpinned alias, valid only until the lock is
// released: after Unlock another goroutine may resize the buffer and the
// alias may then point at memory the buffer no longer uses.
//
// # Concurrency
//
// [View.Release] and [Buffer.Exports] are lock-free: the export counter is
// changed and read atomically, and Release may be called from any goroutine,
// concurrently with other calls to Release on the same view; the counter drops
// by exactly one however many times it is called. Resize checks the counter
// under the lock, and views are only taken under the lock, so a Resize can
// never succeed while a view is held.
//
// A view pins memory; it does not make access to it exclusive. A goroutine
// that holds the lock may still write through [Buffer.Bytes] while other
// goroutines read a view's slice without the lock, and that is a data race,
// just as concurrent writes to an exported bytearray are in free-threaded
// CPython. Writers and readers of the same bytes need the lock, or a
// protocol of their own that orders them.
//
// # Checked mode
//
// Built with -tags bufcheck, the package checks its contract at run time and
// panics with a message that names the method, says what is wrong and how to
// fix it:
//
//   - a data accessor called by a goroutine that does not hold the lock,
//     or Unlock called by one that does not hold it;
//   - a View accessor called after Release (the message says where the view
//     was released);
//   - memory abandoned by Resize (a truncated tail, or the old array after a
//     regrow) is overwritten with [Poison], so stale slices read garbage
//     deterministically instead of plausible data;
//   - a View that becomes unreachable without Release is reported as a leak
//     naming where it was exported, to the function set by [SetLeakHook]
//     (by default, a line on standard error).
//
// Without the tag none of these checks are compiled in: the constant
// [Checked] tells which build is running.
package buffer
