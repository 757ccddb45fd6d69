package branches

import "github.com/buflint/buflint/buffer"

// SizeFixed retakes the lock on the slow path before reading.
func SizeFixed(b *buffer.Buffer, slow bool) int {
	b.Lock()
	defer b.Unlock()
	if slow {
		b.Unlock()
		b.Lock()
	}
	return b.Len()
}

// TotalFixed takes and drops the lock in each iteration.
func TotalFixed(b *buffer.Buffer, n int) (total int) {
	for range n {
		b.Lock()
		total += b.Len()
		b.Unlock()
	}
	return total
}

// EarlyFixed retakes the lock before leaving on either path.
func EarlyFixed(b *buffer.Buffer, fail bool) int {
	b.Lock()
	defer b.Unlock()
	b.Unlock()
	b.Lock()
	if fail {
		return b.Len()
	}
	return b.Len()
}
