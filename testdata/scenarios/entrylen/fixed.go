package entrylen

// LenFixed takes the lock.
func (p *Pending) LenFixed() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.data)
}
