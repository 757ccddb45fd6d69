//go:build bufcheck

package buffer

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
)

// Checked reports whether this build checks the buffer contract at run time
// (built with -tags bufcheck).
const Checked = true

// bufferCheck records which goroutine holds the lock, so that accessors and
// Unlock can tell whether their caller holds it.
type bufferCheck struct {
	owner atomic.Int64 // goroutine id of the holder; 0 when unlocked
}

func (c *bufferCheck) acquired() { c.owner.Store(goid()) }

func (c *bufferCheck) releasing() {
	g := goid()
	if o := c.owner.Load(); o != g {
		panic(fmt.Sprintf("buffer: Unlock called by goroutine %d, which does not hold the buffer's lock (%s); unlock only a lock this goroutine took",
			g, holder(o)))
	}
	c.owner.Store(0)
}

func (c *bufferCheck) requireLock(method string) {
	g := goid()
	if o := c.owner.Load(); o != g {
		panic(fmt.Sprintf("buffer: %s called by goroutine %d without holding the buffer's lock (%s); call Lock first, or take what you need before Unlock and work on a View's slice",
			method, g, holder(o)))
	}
}

func holder(owner int64) string {
	if owner == 0 {
		return "it is not locked"
	}
	return "it is held by goroutine " + strconv.FormatInt(owner, 10)
}

// viewState outlives its View: the leak cleanup reads it after the View is
// unreachable.
type viewState struct {
	exportedAt string
	releasedAt atomic.Pointer[string]
}

type viewCheck struct {
	st *viewState
}

func (c *viewCheck) exported(v *View) {
	c.st = &viewState{exportedAt: callerOf(3)} // user → View → exported
	runtime.AddCleanup(v, reportIfLeaked, c.st)
}

func (c *viewCheck) released() {
	at := callerOf(3) // user → Release → released
	c.st.releasedAt.Store(&at)
}

func (c *viewCheck) requireLive(v *View, method string) {
	v.buf.ck.requireLock(method)
	if at := c.st.releasedAt.Load(); at != nil || v.released.Load() {
		where := "<being released>"
		if at != nil {
			where = *at
		}
		panic(fmt.Sprintf("buffer: %s called after Release (view exported at %s, released at %s); take the data before releasing the view, and release it only when the work is done",
			method, c.st.exportedAt, where))
	}
}

func reportIfLeaked(st *viewState) {
	if st.releasedAt.Load() != nil {
		return
	}
	r := LeakReport{ExportedAt: st.exportedAt}
	if hook := leakHook.Load(); hook != nil {
		(*hook)(r)
		return
	}
	fmt.Fprintln(os.Stderr, r.String())
}

// abandon poisons memory that Resize gives up, so that stale aliases read
// Poison instead of plausible data.
func abandon(p []byte) {
	if len(p) == 0 {
		return
	}
	p[0] = Poison
	for n := 1; n < len(p); n *= 2 { // doubling copies: memmove speed
		copy(p[n:], p[:n])
	}
}

// callerOf returns "file:line" of the frame skip levels above it.
func callerOf(skip int) string {
	_, file, line, ok := runtime.Caller(skip)
	if !ok {
		return "unknown"
	}
	return file + ":" + strconv.Itoa(line)
}

// goid returns the current goroutine's id, parsed from the header line of
// its stack trace ("goroutine 17 [running]:"). Slow, but only checked builds
// call it.
func goid() int64 {
	var buf [64]byte
	s := buf[:runtime.Stack(buf[:], false)]
	const prefix = "goroutine "
	s = s[len(prefix):]
	var id int64
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	return id
}
