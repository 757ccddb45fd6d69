//go:build !bufcheck

package buffer

// Checked reports whether this build checks the buffer contract at run time
// (built with -tags bufcheck).
const Checked = false

// Without the bufcheck tag every check is an empty, inlined method on a
// zero-sized field: the unchecked build pays nothing for them.

type bufferCheck struct{}

func (*bufferCheck) acquired()          {}
func (*bufferCheck) releasing()         {}
func (*bufferCheck) requireLock(string) {}

type viewCheck struct{}

func (*viewCheck) exported(*View)            {}
func (*viewCheck) released()                 {}
func (*viewCheck) requireLive(*View, string) {}

func abandon([]byte) {}
