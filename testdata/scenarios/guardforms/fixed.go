package guardforms

// StatsFixed copies the count while holding the lock.
func (r *Registry) StatsFixed(failed bool) int {
	r.mu.Lock()
	n := r.served
	if failed {
		r.errs++
	}
	r.mu.Unlock()
	return n
}

// IdleFixed takes the lock first.
func (r *Registry) IdleFixed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.served == 0 || r.errs > 0
}

// HitsFixed reads the connection's count holding the lock.
func (r *Registry) HitsFixed(i int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.conns[i%4].hits
}
