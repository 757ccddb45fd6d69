// Package unrelated neither imports buffer nor a package with lock facts.
package unrelated

func F() int { return 1 }
