package a

import (
	"crypto/sha256"
	"io"
	"sync"

	"github.com/buflint/buflint/buffer"
)

// Case 2: a Buffer.Bytes alias used after Unlock.
func aliasAfterUnlock(b *buffer.Buffer, w io.Writer) {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	w.Write(p) // want `unpinned: p, an unpinned alias from b.Bytes\(\), is used after b's lock was released at line 15; take a View before Unlock`
}

// The same with a View held across the work: clean.
func viewAcrossWork(b *buffer.Buffer, w io.Writer) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	w.Write(p)
	v.Release()
}

// Derived values carry the alias: reslicing, &p[i], a local copy.
func derived(b *buffer.Buffer) byte {
	b.Lock()
	p := b.Bytes()
	q := p[1:]
	e := &p[0]
	c := q
	b.Unlock()
	_ = len(c)  // len reads the slice header only
	*e = 1      // want `unpinned: p, an unpinned alias from b.Bytes\(\), is used after b's lock was released`
	return c[0] // want `unpinned: p, an unpinned alias from b.Bytes\(\), is used after b's lock was released`
}

func stringCopy(b *buffer.Buffer) string {
	b.Lock()
	s := string(b.Bytes()) // copied under the lock
	b.Unlock()
	return s
}

func stringAfter(b *buffer.Buffer) string {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	return string(p) // want `unpinned: p, an unpinned alias from b.Bytes\(\), is used after b's lock`
}

// A Resize may move the data: the alias is stale even under the lock.
func afterResize(b *buffer.Buffer) byte {
	b.Lock()
	defer b.Unlock()
	p := b.Bytes()
	_ = b.Resize(64)
	return p[0] // want `unpinned: p, from b.Bytes\(\), is used after b.Resize at line 61`
}

func reloadAfterResize(b *buffer.Buffer) byte {
	b.Lock()
	defer b.Unlock()
	_ = b.Resize(64)
	p := b.Bytes()
	return p[0]
}

// Case 5: use after release.
func useAfterRelease(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	v.Release()
	p[0] = 1 // want `unpinned: p is used after its view v was released at line 79`
}

func releasedOnSomePath(b *buffer.Buffer, early bool) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	if early {
		v.Release()
	}
	p[0] = 1 // want `unpinned: p is used after its view v was released at line 89 on some path`
	v.Release()
}

// Case 6: goroutines and pinned slices.
func goroutineJoined(b *buffer.Buffer) [32]byte {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	var sum [32]byte
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sum = sha256.Sum256(p)
	}()
	wg.Wait()
	v.Release()
	return sum
}

func goroutineNotJoined(b *buffer.Buffer, out chan<- [32]byte) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	go func() {
		out <- sha256.Sum256(p)
	}()
	v.Release() // want `unpinned: Release of view v while the goroutine started at line 118 may still use its slice`
}

func goroutineChannelJoin(b *buffer.Buffer) [32]byte {
	b.Lock()
	v := b.View()
	defer v.Release()
	p := v.Bytes()
	b.Unlock()
	done := make(chan [32]byte)
	go func() { done <- sha256.Sum256(p) }()
	return <-done
}

func goroutineDeferredRelease(b *buffer.Buffer, w io.Writer) {
	b.Lock()
	v := b.View()
	defer v.Release() // want `unpinned: deferred Release of view v while the goroutine started at line 141 may still use its slice`
	p := v.Bytes()
	b.Unlock()
	go w.Write(p)
}

func goroutineUnpinnedAlias(b *buffer.Buffer, w io.Writer) {
	b.Lock()
	p := b.Bytes()
	go func() {
		w.Write(p) // want `unpinned: p, an unpinned alias from b.Bytes\(\), is used in the goroutine started at line 147, which does not hold b's lock`
	}()
	go w.Write(p) // want `unpinned: p, an unpinned alias from b.Bytes\(\), is handed to a goroutine`
	b.Unlock()
}

// The consumer releases views sent over a channel: a pipeline.
func producer(b *buffer.Buffer, views chan<- *buffer.View) {
	b.Lock()
	views <- b.View()
	b.Unlock()
}

func consumer(views <-chan *buffer.View, w io.Writer, mu *buffer.Buffer) {
	for v := range views {
		mu.Lock()
		p := v.Bytes()
		mu.Unlock()
		w.Write(p)
		v.Release()
	}
}

// Release from another goroutine, or twice: clean (case 9).
func releaseElsewhere(b *buffer.Buffer) {
	b.Lock()
	v := b.View()
	b.Unlock()
	done := make(chan struct{})
	go func() {
		v.Release()
		close(done)
	}()
	<-done
	v.Release()
}

// In-place closures use the caller's state.
func inPlaceUse(b *buffer.Buffer) byte {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	return func() byte {
		return p[0] // want `unpinned: p, an unpinned alias from b.Bytes\(\), is used after b's lock was released at line 189`
	}()
}

// Views received from a channel are named by the range variable.
func rangeNamed(views <-chan *buffer.View, mu *buffer.Buffer) {
	for v := range views {
		mu.Lock()
		p := v.Bytes()
		mu.Unlock()
		v.Release()
		p[0] = 1 // want `unpinned: p is used after its view v was released`
	}
}

// Joining through a helper that is handed the WaitGroup or the channel
// counts as a join: such calls may wait for the goroutine.
func waitAll(wg *sync.WaitGroup) { wg.Wait() }

func drain(done <-chan struct{}) { <-done }

func joinedThroughHelpers(b *buffer.Buffer, w io.Writer) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.Write(p)
	}()
	waitAll(&wg)
	v.Release()

	b.Lock()
	v2 := b.View()
	p2 := v2.Bytes()
	b.Unlock()
	done := make(chan struct{})
	go func() {
		w.Write(p2)
		close(done)
	}()
	drain(done)
	v2.Release()
}

// A WaitGroup's Add does not wait: the goroutine may still run.
func addIsNotAJoin(b *buffer.Buffer, out chan<- [32]byte) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	var wg sync.WaitGroup
	go func() { out <- sha256.Sum256(p) }()
	wg.Add(1)
	v.Release() // want `unpinned: Release of view v while the goroutine started at line 246 may still use its slice`
	wg.Done()
}

// A Resize that fails leaves the data where it was: the alias is still good
// on the error path, and stale only where the Resize succeeded.
func resizeFailedPath(b *buffer.Buffer) byte {
	b.Lock()
	defer b.Unlock()
	p := b.Bytes()
	if err := b.Resize(2 * len(p)); err != nil {
		return p[0]
	}
	return p[0] // want `unpinned: p, from b.Bytes\(\), is used after b.Resize at line 258`
}

func resizeFailedPathEq(b *buffer.Buffer) byte {
	b.Lock()
	defer b.Unlock()
	p := b.Bytes()
	err := b.Resize(2 * len(p))
	if err == nil {
		return p[0] // want `unpinned: p, from b.Bytes\(\), is used after b.Resize at line 268`
	}
	return p[0]
}

// A literal called in place twice is solved in two contexts; what pins an
// alias is a property of each context, so the result does not depend on the
// order in which they are solved.
func twoContexts(b1, b2 *buffer.Buffer) {
	b1.Lock()
	b2.Lock()
	use := func(b, other *buffer.Buffer) byte {
		p := b.Bytes()
		other.Unlock()
		return p[0] // want `unpinned: p, an unpinned alias from b1.Bytes\(\), is used after b1's lock was released`
	}
	_ = use(b1, b1)
	b1.Lock()
	_ = use(b2, b1)
	b2.Unlock()
}

func twoContextsSwapped(b1, b2 *buffer.Buffer) {
	b1.Lock()
	b2.Lock()
	use := func(b, other *buffer.Buffer) byte {
		p := b.Bytes()
		other.Unlock()
		return p[0] // want `unpinned: p, an unpinned alias from b1.Bytes\(\), is used after b1's lock was released`
	}
	_ = use(b2, b1)
	b1.Lock()
	_ = use(b1, b1)
	b2.Unlock()
}

// Comparing a stale alias with nil compares references and reads no data.
func nilCheckAfterUnlock(b *buffer.Buffer) bool {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	return p != nil
}

// But reading through it after the comparison is a use.
func nilCheckThenRead(b *buffer.Buffer) byte {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	if p != nil {
		return p[0] // want `unpinned: p, an unpinned alias from b.Bytes\(\), is used after b's lock was released`
	}
	return 0
}

// Arms that unlock and return nil, unlock and fall through, or defer the
// Unlock: the returns that do not return p do not use it. (With defers the
// results go through a local slot; a load of it yields only the stores that
// reach it.)
func switchArms(b *buffer.Buffer, k int) []byte {
	b.Lock()
	p := b.Bytes()
	switch k {
	case 0:
		b.Unlock()
		return nil
	case 1:
		b.Unlock()
	default:
		defer b.Unlock()
		return p // want `unpinned: p, an unpinned alias from b.Bytes\(\), is used after b's lock was released at line 339`
	}
	return nil
}

// A local variable overwritten after the Unlock holds no alias any more.
func overwritten(b *buffer.Buffer) []byte {
	b.Lock()
	p := b.Bytes()
	n := len(p)
	b.Unlock()
	p = make([]byte, n)
	defer func() {}()
	return p
}
