// Package ok type-checks.
package ok

// Twice returns 2n.
func Twice(n int) int { return 2 * n }
