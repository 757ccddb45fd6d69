// Package badtest type-checks, but its test does not.
package badtest

// Half returns n/2.
func Half(n int) int { return n / 2 }
