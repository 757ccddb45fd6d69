package fieldalias

// SumFixed reads it under the lock.
func (r *Ring) SumFixed() (n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.data {
		n += int(c)
	}
	return n
}
