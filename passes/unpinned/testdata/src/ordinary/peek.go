package ordinary

import (
	"bufio"
	"io"
)

// readN is the zero-copy idiom: Peek, then Discard what was peeked. The
// slice stays valid until the next read from br.
func readN(br *bufio.Reader, n int) ([]byte, error) {
	p, err := br.Peek(n)
	br.Discard(len(p))
	return p, err
}

// readTwo peeks again before using the first slice: the second Peek may
// refill the buffer under it.
func readTwo(br *bufio.Reader, w io.Writer) {
	p, _ := br.Peek(4)
	br.Discard(len(p))
	q, _ := br.Peek(4)
	w.Write(p) // want `unpinned: p, from br.Peek\(\), is used after br.Peek at line 21`
	w.Write(q)
}

// peekErr returns Peek's error after the buffer was read again: the error
// is no alias of the buffer.
func peekErr(br *bufio.Reader, n int) error {
	_, err := br.Peek(n)
	br.Reset(nil)
	return err
}
