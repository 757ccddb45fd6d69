// Package entryuse reads the entries another package's locking method
// returns.
package entryuse

import "entrydep"

// hits reads a count the registry writes holding its lock.
func hits(r *entrydep.Registry, i int) int {
	c := r.Conn(i)
	return c.Hits // want `unpinned: c\.Hits is read after r\.mu was released by the call at line \d+; c is an entry of the storage r\.mu guards, returned by \(\*entrydep\.Registry\)\.Conn, and r\.mu guards its field Hits \(written holding it in package entrydep\)`
}

// id reads a field set only when the connection was made: quiet.
func id(r *entrydep.Registry, i int) int {
	c := r.Conn(i)
	return c.ID
}
