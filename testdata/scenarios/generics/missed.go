package generics

// known-missed: a buffer behind an interface has no identity buflint can
// follow (the dynamic type could be anything), so it says nothing rather
// than guess; the checked runtime still catches the bug.

// Sizer is what LenMissed knows of its buffer.
type Sizer interface {
	Lock()
	Unlock()
	Len() int
}

// LenMissed has the same bug as LenBug, through an interface.
func LenMissed[S Sizer](s S) int {
	s.Lock()
	s.Unlock()
	return s.Len()
}
