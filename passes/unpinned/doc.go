// Package unpinned defines an Analyzer that reports uses of buffer data that
// nothing pins any more ("unreferenced pointers").
//
// # Analyzer unpinned
//
// unpinned: report slices and pointers into buffer data used after nothing pins it
//
// A Buffer.Bytes result is an alias of the buffer's memory that only the lock
// keeps valid; a View.Bytes result is pinned by its view until Release. The
// pass follows values derived from either (reslicing, &p[i], unsafe.Pointer,
// uintptr, unsafe.Slice and friends, local variables, closure captures, call
// arguments) and reports:
//
//   - a Buffer.Bytes alias used after the lock was released (by Unlock, a
//     helper that releases it, or because the use is in a goroutine, which
//     never holds its parent's lock), or after a Resize, which may move or
//     truncate the data;
//   - a Buffer.Bytes alias handed to a goroutine with go f(p);
//   - a View.Bytes slice used after the view's Release;
//   - a view released while a goroutine started with its slice may still use
//     it: no WaitGroup.Wait or channel receive joins the goroutine first;
//   - a uintptr or a C reference into Go data used as an address after it was kept (see
//     "References the collector does not see" below);
//   - a view taken in the function, not released on some path out of it, and
//     not handed on: a leaked view pins its buffer, and refuses every Resize,
//     until it is collected. A SuggestedFix adds defer v.Release() after the
//     view is taken, when no slice of it outlives the function.
//
// The same discipline holds for the standard library's buffers, which
// most programs share instead:
//
//   - a slice from bytes.Buffer.Bytes, Next or AvailableBuffer, from
//     bufio.Reader.Peek, ReadSlice or ReadLine, from bufio.Scanner.Bytes or
//     bufio.Writer.AvailableBuffer is valid only until the next call that
//     modifies the buffer (a Write, Read, Reset, Truncate, Grow, the next
//     Scan); a buffer from sync.Pool.Get is the pool's again once it is Put
//     back. A use after that, or a return past a deferred Put, is reported
//     (unpinned/after-reuse). For a return, a SuggestedFix returns
//     append([]byte(nil), x...): the copy is made before deferred calls run.
//     A []byte field that some method fills with such a slice of a buffer
//     of its own struct (a decoder's Next stores d.br.ReadSlice's line in
//     d.msg) holds that alias too: a method that returns it (Msg) produces
//     it, and the method that refills the buffer (the next Next) reuses
//     it, within the package;
//   - any object given back to a pool, whatever made it (a parameter, a
//     field's value, a result), by sync.Pool.Put or a helper whose fact
//     says it puts it: after that, reading or writing through it (*b,
//     cap(*b), a field, a method), returning it or giving it back again
//     races with whoever Gets it next (unpinned/after-put). Handing the
//     pointer itself to a function, or comparing it, is not a use. A helper
//     with a bool result (if done := wr.recycleIfDone(); !done {...}) says
//     whether it gave the object back, and is not followed; nor is an
//     address handed to a helper, which may store a new object there. A
//     Close method that gives an object kept in a field of its receiver
//     back (itself, through a helper handed the object, or through a
//     function field whose closure puts it) and leaves it in the field is
//     reported too: a second Close (an HTTP transport may close a request
//     body twice) gives it back again. Setting the field (or the whole
//     struct) again, a closed flag it tests and sets, a CompareAndSwap on
//     a field, or a sync.Once around the Put keep it quiet. Any method
//     that gives back storage a field of its receiver still holds on some
//     path to a return (a slice of mb.cache.buf, directly or from a
//     function of the package that returns one, or the field's address)
//     is reported as well: the next Get hands out memory the field still
//     uses;
//   - a []byte field (or a slice of a [N]byte field) loaded under its guard,
//     or a slice of a guarded bytes.Buffer, used or returned after the lock
//     is released, including past defer mu.Unlock(): the storage belongs to
//     whoever holds the lock (unpinned/after-unlock). Giving the field a new
//     value after loading it (old := s.buf; s.buf = nil) hands the old
//     storage over, and ends the check;
//   - an entry of guarded storage (a pointer element of a guarded map or
//     slice, e := c.m[k], or what a guarded pointer field points to)
//     taken under the lock, or returned by a helper that takes and
//     releases it (its fact says so, across packages too), whose field is
//     read or written after the lock is released, in the function or in a
//     goroutine it starts, when the package writes that field through an
//     entry holding the lock (e.n++ before Unlock) (unpinned/after-unlock).
//     A field nothing writes under the lock (set when the entry was made)
//     is immutable once published and stays quiet, and so does an access
//     after the lock is taken again, or under the entry's own lock;
//   - a buffer written into (r.Read(buf), a packet read such as
//     c.ReadFrom(buf), io.ReadFull, copy, a bytes.Buffer method, pool.Put)
//     while a slice of it sent on a channel (alone, or in a struct such as
//     Packet{buf[:n], from}) or handed to a goroutine may still be in use
//     (unpinned/reuse-while-shared). The receiver is joined by a
//     WaitGroup.Wait, or by a receive from a channel the goroutine sends on
//     or closes (any receive, when that is not known); a select joins only
//     on the branch of a case that received, never on its default, and a
//     timer's channel or a context's Done joins nothing. Making the buffer
//     anew for each hand-off ends it;
//   - a Read, ReadAt, Write or WriteAt method that returns, on some path (a
//     timeout, a closed stream), while a goroutine it started, or the
//     receiver of what it sent, may still use its slice parameter, itself
//     or through a function it hands the slice to that lends it on (its
//     fact says so: a helper that queues the slice and returns on a
//     timeout): the io contract says it must not keep it, and its caller
//     reuses it at once (unpinned/borrowed). Any other function that does so says in its
//     fact that it keeps the parameter, and its callers' reuse of the
//     argument afterwards is unpinned/retained;
//   - a Read, ReadAt, Write or WriteAt method that keeps its slice
//     parameter after it returns: appended to a field, stored where the
//     method does not go on to work through it (a cursor field that the
//     method parses and the next call sets again is not kept), or handed,
//     as it is, sliced, in an interface or in chunks that hold slices of
//     it, to a function of the package whose fact says it keeps its
//     argument (a ring's Push, an association queueing the chunks until
//     they are acknowledged) (unpinned/borrowed);
//   - a slice of such a buffer, or a pooled buffer itself, kept where it
//     outlives the function: stored into a field of an object the function
//     did not make (s.last = b.Bytes()), into a global, into a map that
//     outlives the function (seen[k] = line), into an object the function
//     makes and returns or keeps (return &parseError{input: p}, a struct
//     returned by value, p.err = &parseError{...}), appended to a slice
//     that outlives the function (out = append(out, s.Bytes()) with out
//     returned or a field; a struct value holding the slice too), stored
//     at a variable index of such a slice or array (s.lines[i] = line), or
//     passed to a function that keeps it after it returns, and the buffer
//     reused after that on some path, a deferred Put or Reset included
//     (unpinned/retained). A function of the package that returns what
//     holds a byte slice it was given (a decoder keeping its input in the
//     message: return &msg{body: b}) hands its caller an alias of the
//     argument, so keeping its result keeps the slice; across packages
//     this is not followed yet. It is reported at the store or the call.
//     Storing something else in the same place first ends it.
//
// References the collector does not see. A uintptr is an integer, a
// reflect header's Data is one, and C memory is not scanned: none of them
// keeps Go data alive or in place. The rules cover any Go memory the
// collector manages: slices and arrays of any element type, strings, and
// variables and their fields (&x, &x.f, new(T), &T{}). The check follows
// &s[i], unsafe.SliceData, unsafe.StringData, reflect.ValueOf(s).Pointer(),
// arithmetic, phis, integer conversions (uint64(uintptr(p))), local
// variables and closure captures. It does not follow a pointer parameter
// or a pointer loaded from memory: it may point into C or system memory.
// Messages name the data and its type ("a uintptr into s.words
// ([]uint64)"). It reports:
//
//   - a uintptr into Go data converted back to unsafe.Pointer after a
//     call or an allocation made since it was computed, on some path
//     (unpinned/uintptr). go vet's unsafeptr reports every conversion of
//     a uintptr variable back to a pointer, whether or not anything
//     happened in between, and says nothing of the data; buflint stays
//     silent when nothing can move or free it in between (vet's finding),
//     and names the call or allocation when something can. -d=checkptr
//     aborts when the data is in the heap and the arithmetic leaves it;
//   - a uintptr into Go data handed to the system (syscall.Syscall,
//     golang.org/x/sys) from a variable rather than converted in the
//     call's argument list, the only form the compiler keeps alive for the
//     call, in go and defer statements too; a function literal that uses a
//     captured uintptr as an address; a uintptr passed to a function, of
//     the package or an imported one whose fact says so, that uses that
//     parameter as an address (an ioctl wrapper taking the request as
//     uintptr), where the conversion in the wrapper's argument list keeps
//     nothing alive (unpinned/uintptr). A //go:uintptrescapes function of
//     the package is treated as a system call: the conversion in its
//     argument list is kept alive, one made before is not. go vet,
//     checkptr and cgocheck report none of these;
//   - the address of Go data passed to a C function as an integer
//     (C.uintptr_t(uintptr(unsafe.Pointer(&x)))), in the argument list or
//     not: cgo keeps pointer arguments alive and checks them, not
//     integers, and C may keep the address (a callback's user data). The
//     message points to cgo.Handle (unpinned/uintptr). Nothing else
//     reports it;
//   - a uintptr into Go data stored into a field, a global, or an element
//     of a slice or a map held in one, when a function of the package
//     loads it from there and uses it as an address (unpinned/uintptr, at
//     the store). go vet reports the conversion back to a pointer, not
//     where the data stopped being referenced;
//   - an integer field (uintptr, uint64) holding the address of Go data in
//     a struct or array the package hands, by address, to the system or to
//     C (or a //go:uintptrescapes function): directly, through a
//     parameter of a function that does, of the package or an imported one
//     whose fact says so (bpfCall(cmd, unsafe.Pointer(&attr)),
//     sysdep.Write(cred)), or through an integer
//     field of a handed value that holds the address of an array of them
//     (a credential's attribute array) (unpinned/uintptr, at the store).
//     The message says what keeps the data alive instead: a pointer-typed
//     field, or a runtime.Pinner held across the call. A runtime.Pinner
//     pinning the data in the storing function keeps it quiet. A uintptr
//     kept only as a number (compared, printed, an identity key in a map)
//     is not reported, even when its struct outlives the function: nothing
//     follows it. go vet, checkptr and cgocheck report none of these;
//   - a reflect.SliceHeader or StringHeader made as a value (a variable or
//     a composite literal) whose address is turned into a slice or a
//     string; the Data of a header held as a value used as an address; and
//     the Data of a header over a real slice or string set from a uintptr
//     computed before the assignment (unpinned/header). Copying Data from
//     one real header to another (bh.Data = sh.Data, both over real
//     variables) is the documented idiom and is silent. The message points
//     to unsafe.Slice and unsafe.String. go vet reports only the second;
//   - a Go pointer into Go data stored into C memory (a field of a struct
//     from C.malloc, an element of a C array or of a slice over one, memory
//     a C function returned), where the C memory is reached through a
//     local, a Go struct field or a global that some function of the
//     package stores it in, in a function that does not pin the data with
//     a runtime.Pinner (unpinned/cgo-stored). Passing the pointer as a cgo
//     call argument, storing a C copy (C.CBytes), and filling a C struct
//     that Go allocated are silent. go vet does not report it; a build
//     with GOEXPERIMENT=cgocheck2 aborts on it at run time;
//   - the address of Go memory that holds Go pointers (an interface value,
//     a struct with a slice, string, map, func or pointer field) passed to
//     a C function, directly or from a variable, in a function that pins
//     nothing (unpinned/cgo-arg): cgo forbids it, and C often keeps the
//     address as a callback's state, where the collector does not see it.
//     The message points to cgo.Handle. Cgo's own types (C.struct_x, a
//     *C.char field) are taken to hold C memory, and an address passed as
//     an integer is unpinned/uintptr's. go vet does not report it; cgo's
//     default check (cgocheck=1) panics at the call when it runs.
//
// A function declared //go:nocheckptr is exempt, as its author declares;
// so are the runtime's own packages, which implement the collector.
//
// An unsafe.String, unsafe.Slice or unsafe.StringData view of a buffer is
// an alias like any slice of it: the rules above and below apply (a string
// view read after the buffer's Reset is reported).
//
// Not checked: a uintptr field stored in one package and converted back
// to a pointer in another; the //go:uintptrescapes directive of an
// imported function that is not the system's (export data does not carry
// it); C memory reached through a parameter, or through the fields of C
// structs declared in another package (cgo's types and their fields are
// the declaring package's own); a []byte used as memory that the system
// fills with Go pointers.
//
// Functions are summarized in facts, across packages: one that resets or
// puts back an argument (putBuf(b), a Close that returns its buffer to a
// pool, fill(r, buf)) reuses it for its callers, one that stores an
// argument into a field of another parameter or into a global keeps it,
// one that returns a slice of a parameter's buffer (a helper around
// ReadSlice or Bytes) produces an alias of it.
// For an interface method or code the analyzer cannot see into, say so
// with an annotation on its declaration:
//
//	//buflint:retains        it keeps every parameter
//	//buflint:retains p q    it keeps p and q
//
// Copies end the aliasing and are never reported: bytes.Clone,
// append(dst, p...), string(p), make and copy. Not checked (yet): an alias
// kept in an object the function makes and returns (return &Err{Line: p}),
// in a map or at a variable index; a Peek of more than is buffered, or a
// Discard past it, which refill the buffer (they are taken to leave
// earlier slices valid); functions of packages that are analyzed only on
// demand (none of their exported functions reuses, keeps or returns a
// slice of an argument as syntax tells) contribute no facts to other
// packages.
//
// Uses are reads and writes through the data, calls it is passed to, returns,
// sends and stores outside local variables; len, cap and comparisons (p !=
// nil) are not uses.
//
// Rules (each finding's category, which //buflint:ignore may name):
//
//   - unpinned/after-unlock: a Buffer.Bytes alias, a slice of a guarded
//     buffer or a field of an entry of guarded storage used after the lock
//     was released, by Unlock or by a helper;
//   - unpinned/after-resize: a Buffer.Bytes alias used after a Resize;
//   - unpinned/goroutine: a Buffer.Bytes alias used in, or handed to, a
//     goroutine;
//   - unpinned/after-release: a View.Bytes slice used after the Release;
//   - unpinned/release-while-shared: a view released while a goroutine
//     may still use its slice;
//   - unpinned/uintptr: a uintptr into Go data used as an address after
//     it was kept: across a call or an allocation, in a variable handed to
//     a system call, by a closure, by a wrapper, in a field or a global, in
//     an integer field of a value handed to the system or to C; or passed
//     to C as an integer;
//   - unpinned/header: a reflect.SliceHeader or StringHeader held as a
//     value, or its Data set from a uintptr computed elsewhere;
//   - unpinned/cgo-stored: a Go pointer into Go data stored into C memory
//     without a runtime.Pinner;
//   - unpinned/cgo-arg: the address of Go memory that holds Go pointers
//     passed to a C function without a runtime.Pinner;
//   - unpinned/leaked-view: a view not released on some path;
//   - unpinned/after-reuse: a slice of a standard-library buffer, or a
//     pooled buffer, used after the buffer was reused or put back;
//   - unpinned/after-put: an object read, written, returned or put back
//     again after it was given back to its pool, or left in the field of a
//     Close that gave it back;
//   - unpinned/reuse-while-shared: a buffer written into while a slice of
//     it handed to a goroutine or a channel may still be in use;
//   - unpinned/retained: a slice of a buffer, or a pooled buffer, kept
//     where it outlives the function, and the buffer reused after;
//   - unpinned/annotation: a //buflint:retains annotation that names no
//     parameter.
package unpinned
