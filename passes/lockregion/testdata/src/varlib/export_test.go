package varlib

// The internal test file changes none of varlib's facts: varuser's variant
// for this test binary asks its imports the same questions and gets the
// same answers, so it reuses the first analysis.
func logLen(l *Log) int {
	l.Mu.Lock()
	defer l.Mu.Unlock()
	return l.Buf.Len()
}
