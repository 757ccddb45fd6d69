package repro

import (
	"errors"
	"sync"
)

// Bytes hands out byte slices that can be given back for reuse.
type Bytes interface {
	Get(sz int) (*[]byte, error)
	Put(b *[]byte)
}

// BucketedBytes keeps one sync.Pool per size class and can cap the number
// of bytes handed out at once.
type BucketedBytes struct {
	buckets   []sync.Pool
	sizes     []int
	maxTotal  uint64
	usedTotal uint64
	mtx       sync.Mutex

	new func(s int) *[]byte
}

// NewBucketedBytes builds size classes from minSize to maxSize, each one
// factor times larger than the previous.
func NewBucketedBytes(minSize, maxSize int, factor float64, maxTotal uint64) (*BucketedBytes, error) {
	if minSize < 1 || maxSize < 1 || factor < 1 {
		return nil, errors.New("invalid pool configuration")
	}
	var sizes []int
	for s := minSize; s <= maxSize; s = int(float64(s) * factor) {
		sizes = append(sizes, s)
	}
	return &BucketedBytes{
		buckets:  make([]sync.Pool, len(sizes)),
		sizes:    sizes,
		maxTotal: maxTotal,
		new: func(sz int) *[]byte {
			s := make([]byte, 0, sz)
			return &s
		},
	}, nil
}

// ErrPoolExhausted is returned when maxTotal would be exceeded.
var ErrPoolExhausted = errors.New("pool exhausted")

// Get returns a slice with capacity for at least sz bytes.
func (p *BucketedBytes) Get(sz int) (*[]byte, error) {
	p.mtx.Lock()
	defer p.mtx.Unlock()

	if p.maxTotal > 0 && p.usedTotal+uint64(sz) > p.maxTotal {
		return nil, ErrPoolExhausted
	}
	for i, bktSize := range p.sizes {
		if sz > bktSize {
			continue
		}
		b, ok := p.buckets[i].Get().(*[]byte)
		if !ok {
			b = p.new(bktSize)
		}
		p.usedTotal += uint64(cap(*b))
		return b, nil
	}
	p.usedTotal += uint64(sz)
	return p.new(sz), nil
}

// Put gives b back to the bucket matching its capacity.
func (p *BucketedBytes) Put(b *[]byte) {
	if b == nil {
		return
	}

	for i, bktSize := range p.sizes {
		if cap(*b) > bktSize {
			continue
		}
		*b = (*b)[:0]
		p.buckets[i].Put(b)
		break
	}

	p.mtx.Lock()
	defer p.mtx.Unlock()

	// Guard against callers that grew the slice beyond what they got.
	sz := uint64(cap(*b))
	if sz >= p.usedTotal {
		p.usedTotal = 0
	} else {
		p.usedTotal -= sz
	}
}
