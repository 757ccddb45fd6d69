// Package unguarded defines an Analyzer that reports guarded data read or
// written where its guard is released.
//
// # Analyzer unguarded
//
// unguarded: report guarded data accessed where its guard is released
//
// Data that a lock guards belongs to whoever holds the lock. Read or
// written after Unlock, or before Lock, it races with every goroutine that
// holds the lock and changes it. unguarded reports such accesses:
//
//   - for this module's buffer package: Buffer.Len, Buffer.Bytes,
//     Buffer.View, View.Len and View.Bytes called where the buffer's lock is
//     released;
//   - for ordinary Go code: a struct field holding buffer data ([]byte,
//     [N]byte, bytes.Buffer, strings.Builder, bufio.Reader, Writer or
//     Scanner, or a pointer to one) that a sync.Mutex, sync.RWMutex or
//     sync.Locker field of the struct guards, loaded, stored, indexed,
//     sliced, passed to len, copy, append or clear, or used as the receiver
//     of a method, where that lock is released. The lock may be taken and
//     released through a pointer to it (l := &c.mu), through a helper it is
//     handed to (unlock(&c.mu)), or through the sync.Locker interface;
//   - calls to helpers whose facts say they need the lock, including helpers
//     started with go, since a goroutine never holds its parent's lock.
//
// For example, with bytes.Buffer and sync.Mutex:
//
//	type Log struct {
//		w   io.Writer
//
//		mu  sync.Mutex
//		buf bytes.Buffer
//	}
//
//	func (l *Log) Flush() error {
//		l.mu.Lock()
//		n := l.buf.Len()
//		l.mu.Unlock()
//		_, err := l.w.Write(l.buf.Bytes()[:n]) // unguarded: l.buf.Bytes called while l.mu is unlocked
//		l.buf.Reset()                          // unguarded: l.buf.Reset called while l.mu is unlocked
//		return err
//	}
//
// Fix it by taking what you need while holding the lock, and working on the
// copy (or, with the buffer package, on the slice of a held view):
//
//	l.mu.Lock()
//	out := bytes.Clone(l.buf.Bytes())
//	l.buf.Reset()
//	l.mu.Unlock()
//	_, err := l.w.Write(out)
//
// Which lock guards which field needs no annotation. A field is guarded by a lock of its struct when:
//
//   - it is annotated: //buflint:guardedby mu, or gVisor checklocks'
//     +checklocks:mu (a path such as c.mu names a lock in another struct the
//     field's struct points to). An annotation is trusted as written, and
//     applies to a field of any type. One that names no lock is reported;
//   - its own comment (doc or line) says so, in one of these forms:
//     "guarded by mu", "protected by mu", "synchronized on mu" (or
//     "synchronised", "owned", "serialized", "locked", with "by", "on",
//     "with" or "under"), "under mu", "holding mu", "mu must be held", "mu
//     is held"; the lock may be written `mu`, "the mu", a path through
//     fields the struct holds by value ("inner.mu"), a path that starts
//     with a receiver name ("s.mu"), or "the mutex" / "the lock" when the
//     struct has one lock. English that names no lock of the struct is
//     prose and is ignored; so is a lock reached through a pointer field
//     ("db.mu" in a struct that points to its DB), which the code locks
//     through other pointers to the same object, and a second lock ("also
//     guarded by wmu": writes hold both, reads either);
//   - the lock's comment names it after "guards", "guard", "protects" (and
//     their other forms): "mu protects pending and n". A path ("mu guards
//     trInfo.tr") names a field of the object trInfo points to, and does
//     not make trInfo guarded;
//   - the lock's comment says it guards "the following" or the fields
//     "below", or a field's comment says "the fields below are guarded by
//     mu": the rest of that group of fields (up to a blank line);
//   - by Go's convention, for a field of any type: it follows the lock in
//     the same group of fields (no blank line between); or a lock named
//     after it follows it in its group ("recvBuf", then "recvLock": a lock
//     named X+Lock, Mu or Mutex guards the fields named X...); or the
//     struct has exactly one lock, declared above the field (for a buffer,
//     anywhere).
//
// Only an annotation is trusted as written. The others need the package's
// code to bear them out, so that comments that were true once, or that
// describe a publication the code makes some other way, do not report
// correct code:
//
//   - a buffer named by a comment must be written somewhere after its
//     object is shared and accessed once with the lock held; by the
//     convention, its storage must be changed in place (written, appended
//     to, resliced) with the lock held exclusively, and by use, also never
//     written where the lock may be released;
//   - a field that is not a buffer (a count, an error, a slice of
//     pointers, flags), named by a comment, must have its own value
//     changed under the lock held exclusively (s.n++, s.list =
//     append(s.list, x), s.m[k] = v, delete(s.m, k), s.cur.n = v, or an
//     entry's field through e := s.m[k]; e.n++): a value set once and
//     published (an error, a lazily made table, a pointer swapped) shows
//     no such change, and is read lock-free by design too often;
//   - by the convention or use, such a field must be written with the lock
//     held, touched in two functions at least (the lock is how the type
//     shares it), never written where the lock may be released, and
//     touched somewhere the lock looks released (after an Unlock of a lock
//     of that name, or before the first Lock): only then can it make a
//     finding, and only then does its package need SSA;
//   - either way, in a group that also holds a field handed to sync/atomic
//     (double-checked locking publishes the group through it: "state must
//     be accessed atomically or with mu held"), the value must change in
//     place under the lock; and a field one function alone writes under
//     the lock (other writes being in what it calls: an initializer run by
//     sync.Once) and alone reads without it is that function's own value
//     (set on a first pass and read back), not guarded. Fields handed to
//     sync/atomic functions, and fields of types that synchronize
//     themselves (sync's and sync/atomic's types, channels, functions,
//     structs with a lock of their own) are never guarded but by an
//     annotation.
//
// A function that takes a lock itself (Lock or RLock, not TryLock) on some
// path cannot be entered holding it: what it touches before, or on a path
// that never takes it, is touched unlocked. A parameter that decides the
// path ("if !locked { mu.Lock() }") leaves that to the caller. For a
// field that is not a buffer, whose guard was inferred, a read in a
// function that never locks the guard itself (only calls that do), or in
// a goroutine started without the lock, is not reported: Go code often
// lets the goroutine that writes such a field under the lock read it
// without, and orders the goroutines it starts by channels.
//
// A loop that walks a chain holding one lock at a time (y.mu.Unlock();
// l.mu.Lock(); y = l) is followed: on the back edge the loop variable
// names the next object, whose lock is held.
//
// A guard that cannot be established means silence, never a guess. Objects
// allocated in the function (composite literals, new, local structs) are not
// shared yet and are not checked, nor are package initializers and init,
// nor bodies handed to sync.Once.Do or stored for later.
//
// gVisor checklocks' function annotations are read too: +checklocks:s.mu
// and +checklocksread:s.mu (callers hold the lock, exclusively or for
// reading), +checklocksacquire:s.mu and +checklocksrelease:s.mu, and
// +checklocksignore (nothing in the function is reported).
//
// Under RLock, only reads are allowed: bytes.Buffer.Read, Next, Reset,
// Write and the like change the buffer (Read moves its read offset), and
// so do stores into a field or its elements, copy into it, append to it
// and clear. Two goroutines holding the read lock at the same time race.
//
// A change made under RLock is itself the evidence for one more guard: a
// field of a struct with a sync.RWMutex, which a function changes
// (assigns, increments, appends to, or assigns an element of) after it
// takes that lock for reading itself, holding no other lock exclusively,
// is reported there even when no comment, convention or use makes the
// lock its guard. Whoever wrote it took the lock to share the field, and
// RLock lets every reader run the same code at once:
//
//	func (w *GatedWriter) Write(p []byte) (int, error) {
//		w.lock.RLock()
//		defer w.lock.RUnlock()
//		...
//		w.buf = append(w.buf, p2) // unguarded: w.buf written while w.lock is held only for reading
//
// Only such changes are checked against a guard known this way; accesses
// elsewhere are not, since the code may share the field by other means
// there (a gate flag set under the write lock). A field handed to
// sync/atomic is never reported so.
//
// Entry points: a type with a lock is meant for concurrent use. An exported method that
// touches guarded data without taking the lock, when the lock is unexported
// and another method of the type takes it, is reported: callers outside the
// package cannot take the lock for it. Methods named ...Locked are taken to
// be called with the lock held, and their facts say so.
//
// Rules (each finding's category, which //buflint:ignore may name):
//
//   - unguarded/access: guarded data accessed where its lock is released,
//     or released on some path to the access;
//   - unguarded/helper: a call to a helper that needs the lock, there;
//   - unguarded/go-helper: a helper that needs the lock started with go;
//   - unguarded/read-locked: guarded data changed while its lock is held
//     only for reading, or a field changed while an RWMutex of its struct,
//     taken for reading by the function itself, is;
//   - unguarded/entry: an exported method touching guarded data without the
//     lock its type's other methods take;
//   - unguarded/annotation: a guard annotation that names no lock.
//
// The check was called viewaccess before; that name still works in flags,
// suppressions and golangci-lint settings.
//
// The lock states come from the lockregion pass; see its documentation for
// how locks are identified and which paths are followed.
package unguarded
