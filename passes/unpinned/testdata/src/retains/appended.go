package retains

import (
	"bufio"
	"bytes"
	"io"
)

// Slices appended to a slice that outlives the function are kept by it:
// the slice returned, or one stored in a field. The next Scan overwrites
// the scanner's buffer under them.

type request struct {
	body []byte
	at   int64
}

// lines returns every token of s, each a slice of its buffer.
func lines(r io.Reader) (out [][]byte) {
	s := bufio.NewScanner(r)
	for s.Scan() {
		out = append(out, s.Bytes()) // want `unpinned: the slice from s.Bytes\(\) is kept in the slice returned, and s.Scan at line \d+ may overwrite or recycle its storage while it is kept`
	}
	return out
}

// linesCopy appends copies.
func linesCopy(r io.Reader) (out [][]byte) {
	s := bufio.NewScanner(r)
	for s.Scan() {
		out = append(out, bytes.Clone(s.Bytes()))
	}
	return out
}

// linesBytes appends the bytes themselves, which copies them.
func linesBytes(r io.Reader) (out []byte) {
	s := bufio.NewScanner(r)
	for s.Scan() {
		out = append(out, s.Bytes()...)
	}
	return out
}

// requests keeps the tokens inside struct values it returns (goreplay's
// replay file parser, fixed upstream by copying the token).
func requests(r io.Reader) ([]request, error) {
	var out []request
	s := bufio.NewScanner(r)
	for s.Scan() {
		req := request{s.Bytes()[1:], 1} // want `unpinned: req, from s.Bytes\(\), is kept in the slice returned, and s.Scan at line \d+ may overwrite or recycle its storage while it is kept`
		out = append(out, req)
	}
	return out, s.Err()
}

// requestsCopy builds each request from a copy.
func requestsCopy(r io.Reader) ([]request, error) {
	var out []request
	s := bufio.NewScanner(r)
	for s.Scan() {
		req := request{append([]byte(nil), s.Bytes()[1:]...), 1}
		out = append(out, req)
	}
	return out, s.Err()
}

// countRequests keeps them in a slice that dies with the function.
func countRequests(r io.Reader) int {
	var out []request
	s := bufio.NewScanner(r)
	for s.Scan() {
		out = append(out, request{body: s.Bytes()})
	}
	return len(out)
}

type collector struct{ seen [][]byte }

// collect keeps the tokens in a field of c, past the next Scan.
func (c *collector) collect(s *bufio.Scanner) {
	for s.Scan() {
		c.seen = append(c.seen, s.Bytes()) // want `unpinned: the slice from s.Bytes\(\) is kept in c.seen, and s.Scan at line \d+ may overwrite or recycle its storage while it is kept`
	}
}

// lastToken scans to the end and keeps only the last token: no Scan
// follows the append.
func lastToken(s *bufio.Scanner, out [][]byte) [][]byte {
	if s.Scan() {
		out = append(out, s.Bytes())
	}
	return out
}

type lineIndex struct{ lines [][]byte }

// fill keeps a slice of each line at a variable index of a slice the
// receiver holds; the next ReadSlice overwrites it.
func (x *lineIndex) fill(br *bufio.Reader) {
	for i := range x.lines {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return
		}
		x.lines[i] = line // want `unpinned: line, from br.ReadSlice\(\), is kept in x.lines, and br.ReadSlice at line \d+ may overwrite or recycle its storage while it is kept`
	}
}

// fillCopy keeps copies.
func (x *lineIndex) fillCopy(br *bufio.Reader) {
	for i := range x.lines {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return
		}
		x.lines[i] = bytes.Clone(line)
	}
}

// fillLocal keeps them in a slice that dies with the function.
func fillLocal(br *bufio.Reader, n int) int {
	lines := make([][]byte, n)
	for i := range lines {
		line, err := br.ReadSlice('\n')
		if err != nil {
			break
		}
		lines[i] = line
	}
	return len(lines)
}

// fillReturned keeps them in a slice it returns.
func fillReturned(br *bufio.Reader, n int) [][]byte {
	lines := make([][]byte, n)
	for i := range lines {
		line, err := br.ReadSlice('\n')
		if err != nil {
			break
		}
		lines[i] = line // want `unpinned: line, from br.ReadSlice\(\), is kept in the object returned, and br.ReadSlice at line \d+ on some path may overwrite or recycle its storage while it is kept`
	}
	return lines
}
