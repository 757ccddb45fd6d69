package rlockdrain

// NextFixed takes the write lock: ReadByte changes the buffer.
func (q *Queue) NextFixed() (byte, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.buf.ReadByte()
}
