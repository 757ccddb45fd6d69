// Package user imports broken, so it cannot be analyzed either.
package user

import "example.com/typeerrors/broken"

// M returns broken.N.
func M() int { return broken.N }
