// Package scratchpump: a reader loop sends slices of one scratch buffer to
// a consumer and reads the next chunk into the same buffer.
package scratchpump

import "io"

// PumpBug hands out slices of buf, then overwrites it.
func PumpBug(r io.Reader, ch chan<- []byte) {
	buf := make([]byte, 64)
	for {
		n, err := r.Read(buf) // want "unpinned: Read writes into buf while the slice of it handed off at line 16 may still be in use"
		if err != nil {
			close(ch)
			return
		}
		ch <- buf[:n]
	}
}
