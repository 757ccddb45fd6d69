package reuse

import (
	"sync"
	"weak"
)

// Pinned holds an analysis for the checks that read it. The driver keeps
// every result until the end of the run, and runs the checks only on the
// packages it was asked about, not on the dependencies lockregion also
// analyzes for their facts: so the analysis is held weakly from the start,
// and the first reader pins it (replaying it, from caches that need no
// facts, if it was collected) until every reader is done.
type Pinned[T any] struct {
	mu       sync.Mutex
	live     *T
	weak     weak.Pointer[T]
	replay   func() *T
	finished map[string]bool // the readers done
}

// NewPinned holds v weakly; replay makes it again once collected. v may
// be nil: then the first reader makes it.
func NewPinned[T any](v *T, replay func() *T) *Pinned[T] {
	p := &Pinned[T]{replay: replay}
	if v != nil {
		p.weak = weak.Make(v)
	}
	return p
}

// Get returns the value, pinned until Done.
func (p *Pinned[T]) Get() *T {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.live == nil {
		if p.live = p.weak.Value(); p.live == nil {
			p.live = p.replay()
		}
	}
	return p.live
}

// Done records that the reader name has finished. Once every one of
// readers is done, the value is unpinned.
func (p *Pinned[T]) Done(name string, readers []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished == nil {
		p.finished = map[string]bool{}
	}
	p.finished[name] = true
	for _, r := range readers {
		if !p.finished[r] {
			return
		}
	}
	p.live = nil
}

// Forget drops the value as the collector would, so that the next Get
// replays it: for tests of the replay.
func (p *Pinned[T]) Forget() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.live, p.weak = nil, weak.Pointer[T]{}
}
