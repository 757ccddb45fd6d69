// Package fielduser declares no lock of its own: it is checked because the
// package it imports exports a guarded field.
package fielduser

import "sharedfield"

func flush(l *sharedfield.Log) string {
	l.Mu.Lock()
	s := l.Buf.String()
	l.Buf.Reset()
	l.Mu.Unlock()
	return s + l.Buf.String() // want `unguarded: l.Buf.String called while l.Mu is unlocked \(released at line 11\); l.Mu guards Buf \(declared below it\)`
}

// Callers can take the exported lock: a function that does not lock only
// requires it, and reports nothing here.
func size(l *sharedfield.Log) int {
	return l.Buf.Len()
}
