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

// peekAhead peeks past the first slice, after checking that the bytes are
// buffered, as net/textproto does: no refill, the first slice stays valid.
func peekAhead(br *bufio.Reader, w io.Writer) {
	p, _ := br.Peek(4)
	br.Discard(len(p))
	if br.Buffered() >= 4 {
		q, _ := br.Peek(4)
		w.Write(q)
	}
	w.Write(p)
}

// readAfterPeek reads before using the peeked slice: the read may refill
// the buffer under it.
func readAfterPeek(br *bufio.Reader, w io.Writer) {
	p, _ := br.Peek(4)
	line, _ := br.ReadSlice('\n')
	w.Write(p) // want `unpinned: p, from br.Peek\(\), is used after br.ReadSlice at line 32`
	w.Write(line)
}

// peekErr returns Peek's error after the buffer was read again: the error
// is no alias of the buffer.
func peekErr(br *bufio.Reader, n int) error {
	_, err := br.Peek(n)
	br.Reset(nil)
	return err
}
