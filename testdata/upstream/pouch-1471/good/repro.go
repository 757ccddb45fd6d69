package repro

import (
	"errors"
	"io"
	"sync"
)

// RingBuff is a fixed-size circular list; Push overwrites the oldest
// element when the consumer is slow.
type RingBuff struct {
	sync.Mutex
	cond   *sync.Cond
	values []interface{}
	push   int
	pop    int
	closed bool
}

func NewRingBuff(n int) *RingBuff {
	r := &RingBuff{values: make([]interface{}, n)}
	r.cond = sync.NewCond(&r.Mutex)
	return r
}

// Push stores value and reports whether an unread element was covered.
func (r *RingBuff) Push(value interface{}) bool {
	r.Lock()
	defer r.Unlock()
	if r.closed {
		return false
	}
	cover := r.values[r.push] != nil
	r.values[r.push] = value
	r.push = (r.push + 1) % len(r.values)
	r.cond.Broadcast()
	return cover
}

// Pop blocks until an element is available or the ring is closed.
func (r *RingBuff) Pop() (interface{}, bool) {
	r.Lock()
	defer r.Unlock()
	for r.values[r.pop] == nil && !r.closed {
		r.cond.Wait()
	}
	v := r.values[r.pop]
	if v != nil {
		r.values[r.pop] = nil
		r.pop = (r.pop + 1) % len(r.values)
	}
	return v, r.closed
}

func (r *RingBuff) Close() {
	r.Lock()
	r.closed = true
	r.cond.Broadcast()
	r.Unlock()
}

type containerBackend struct {
	out     io.Writer
	outRing *RingBuff
}

// ContainerIO is the container's stdout; Write fans data out to backends.
type ContainerIO struct {
	backends []containerBackend
	closed   bool
}

func NewContainerIO(outs ...io.Writer) *ContainerIO {
	cio := &ContainerIO{}
	for _, out := range outs {
		b := containerBackend{out: out, outRing: NewRingBuff(10)}
		cio.backends = append(cio.backends, b)
		go subscribe(b.outRing, b.out)
	}
	return cio
}

// subscribe copies the ring's elements to the backend until it is closed.
func subscribe(ring *RingBuff, out io.Writer) {
	for {
		value, closed := ring.Pop()
		if b, ok := value.([]byte); ok {
			out.Write(b)
		}
		if value == nil && closed {
			return
		}
	}
}

func (cio *ContainerIO) Write(data []byte) (int, error) {
	if cio.closed {
		return 0, errors.New("container io is closed")
	}
	// The writer may reuse data once Write returns, and the ring keeps
	// it until a subscriber pops it: push a copy.
	copyData := make([]byte, len(data))
	copy(copyData, data)
	for _, b := range cio.backends {
		b.outRing.Push(copyData)
	}
	return len(data), nil
}

func (cio *ContainerIO) Close() error {
	cio.closed = true
	for _, b := range cio.backends {
		b.outRing.Close()
	}
	return nil
}
