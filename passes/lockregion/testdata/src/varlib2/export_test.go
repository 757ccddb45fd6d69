package varlib2

// AppendLocked needs l.mu held.
func AppendLocked(l *Log, s string) {
	l.buf.WriteString(s)
}
