package afterput

// PutFixed reads what it needs before giving b back.
func (p *Bytes) PutFixed(b *[]byte) int {
	n := cap(*b)
	*b = (*b)[:0]
	p.pool.Put(b)
	return n
}
