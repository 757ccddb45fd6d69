package generics

// LenFixed reads it under the lock.
func (p *Pair[T]) LenFixed() int {
	p.Buf.Lock()
	defer p.Buf.Unlock()
	return p.Buf.Len()
}
