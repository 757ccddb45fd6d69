package accessors

import "github.com/buflint/buflint/buffer"

// SumFixed reads them before the Unlock and works on the pinned slice.
func SumFixed(b *buffer.Buffer) (sum int) {
	b.Lock()
	v := b.View()
	n, p := v.Len(), v.Bytes()
	b.Unlock()
	for _, c := range p[:n] {
		sum += int(c)
	}
	v.Release()
	return sum
}
