package scratchpump

import "io"

// PumpFixed gives every chunk its own buffer.
func PumpFixed(r io.Reader, ch chan<- []byte) {
	for {
		buf := make([]byte, 64)
		n, err := r.Read(buf)
		if err != nil {
			close(ch)
			return
		}
		ch <- buf[:n]
	}
}
