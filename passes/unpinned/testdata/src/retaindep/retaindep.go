// Package retaindep exports functions and an interface that keep their
// argument after they return, one by what its body does, one by annotation.
package retaindep

// Keeper keeps the last slice it was given.
type Keeper struct {
	last []byte
}

// Keep stores p in k: the fact says Keep retains p.
func (k *Keeper) Keep(p []byte) { k.last = p }

// Last returns what Keep kept.
func (k *Keeper) Last() []byte { return k.last }

// Sink is implemented elsewhere; its implementations keep what Hold gets.
type Sink interface {
	//buflint:retains
	Hold(p []byte)
	// Look reads p and keeps nothing.
	Look(p []byte)
}

// Register hands p to code the analyzer cannot see (a C library, say).
//
//buflint:retains p
func Register(name string, p []byte) {}
