// Package drive runs buflint's validation scenarios concurrently and prints
// what the checked runtime observed as "BUFLINT-OUTCOME: kind detail" lines,
// which the harness in validation/ reads. Races and checked-mode panics need
// no marker: the race detector and the runtime print their own.
package drive

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/buflint/buflint/buffer"
)

// Marker starts every outcome line.
const Marker = "BUFLINT-OUTCOME:"

// Main runs a scenario package's tests with the leak hook reporting leaks,
// and collects garbage at the end so that leaked views are found.
func Main(m *testing.M) {
	buffer.SetLeakHook(func(r buffer.LeakReport) { Report("leak", r.ExportedAt) })
	code := m.Run()
	for range 20 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	os.Exit(code)
}

var reported sync.Map

// Report prints an outcome marker, once per kind.
func Report(kind, detail string) {
	if _, dup := reported.LoadOrStore(kind, true); !dup {
		fmt.Printf("%s %s %s\n", Marker, kind, detail)
	}
}

// Iterations is how many times each worker runs: fewer in -short mode.
func Iterations() int {
	if testing.Short() {
		return 300
	}
	return 5000
}

// Concurrently runs each worker in its own goroutine Iterations() times,
// yielding between iterations, and waits for all of them.
func Concurrently(workers ...func(i int)) {
	var wg sync.WaitGroup
	n := Iterations()
	for _, w := range workers {
		wg.Go(func() {
			for i := range n {
				w(i)
				runtime.Gosched()
			}
		})
	}
	wg.Wait()
}

// Size is the size scenarios' buffers have when Filled.
const Size = 256

// Filled returns a buffer of Size bytes holding a pattern without Poison.
func Filled() *buffer.Buffer {
	b := buffer.New(Size)
	b.Lock()
	for i := range b.Bytes() {
		b.Bytes()[i] = byte(i % 200)
	}
	b.Unlock()
	return b
}

// Resizer returns a worker that, under the lock, alternately truncates the
// buffer to half (poisoning the tail in checked builds) and grows it back,
// refilling it, as other users of a shared buffer do. It writes only after a
// Resize succeeded, which proves no view is held: ErrExported is the
// protocol working, not an outcome; any other error is.
func Resizer(b *buffer.Buffer) func(int) {
	return func(i int) {
		b.Lock()
		defer b.Unlock()
		n := Size
		if i%2 == 0 {
			n = Size / 2
		}
		err := b.Resize(n)
		switch {
		case errors.Is(err, buffer.ErrExported):
		case err != nil:
			Report("error", err.Error())
		default:
			p := b.Bytes()
			for j := range p {
				p[j] = byte(j % 200)
			}
		}
	}
}

// CheckData reports "poison" when p holds bytes a Resize abandoned. It reads
// p in plain Go on purpose: the race detector does not see reads made by
// assembly (bytes.IndexByte, crypto/sha256), so a stale read through them
// would show only as poison, and only if the data changed in time.
func CheckData(p []byte) {
	for _, c := range p {
		if c == buffer.Poison {
			Report("poison", "stale data read")
			return
		}
	}
}

// CheckErr reports "errexported" when err is buffer.ErrExported.
func CheckErr(err error) {
	if errors.Is(err, buffer.ErrExported) {
		Report("errexported", "Resize refused while a view was held")
	}
}
