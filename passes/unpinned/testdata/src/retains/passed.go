package retains

import (
	"bufio"
	"bytes"
	"io"
)

// A function that returns what holds the slice it was given (a decoder
// keeping its input in the message) hands its caller an alias of the
// argument: kept past the next Scan, it sees other data (flux's
// ParseMultidoc kept scanner.Bytes() in each parsed resource this way).

type message struct {
	body []byte
	kind string
}

func (m message) Kind() string { return m.kind }

type resource interface{ Kind() string }

func decode(b []byte) *message { return &message{body: b, kind: "doc"} }

func decodeValue(b []byte) (resource, error) {
	m := message{kind: "doc"}
	m.body = b[1:]
	return m, nil
}

func decodeCopy(b []byte) *message { return &message{body: bytes.Clone(b), kind: "doc"} }

func kindOf(b []byte) string { return string(b[:1]) }

// decodeAll keeps every decoded message in the map it returns.
func decodeAll(r io.Reader) map[string]resource {
	out := map[string]resource{}
	s := bufio.NewScanner(r)
	for s.Scan() {
		res, err := decodeValue(s.Bytes())
		if err != nil {
			return nil
		}
		out[res.Kind()] = res // want `unpinned: the slice from s.Bytes\(\) is kept in the object returned, and s.Scan at line \d+ may overwrite or recycle its storage while it is kept`
	}
	return out
}

// messages appends each decoded message to the slice it returns.
func messages(r io.Reader) []*message {
	var out []*message
	s := bufio.NewScanner(r)
	for s.Scan() {
		out = append(out, decode(s.Bytes())) // want `unpinned: the slice from s.Bytes\(\) is kept in the slice returned, and s.Scan at line \d+ may overwrite or recycle its storage while it is kept`
	}
	return out
}

// messagesCopy decodes copies.
func messagesCopy(r io.Reader) []*message {
	var out []*message
	s := bufio.NewScanner(r)
	for s.Scan() {
		out = append(out, decodeCopy(s.Bytes()))
	}
	return out
}

// kinds keeps what decoding computes from the bytes, not the bytes.
func kinds(r io.Reader) []string {
	var out []string
	s := bufio.NewScanner(r)
	for s.Scan() {
		out = append(out, kindOf(s.Bytes()))
	}
	return out
}

// countMessages keeps the messages in a slice that dies with it.
func countMessages(r io.Reader) int {
	var out []*message
	s := bufio.NewScanner(r)
	for s.Scan() {
		out = append(out, decode(s.Bytes()))
	}
	return len(out)
}

// lineMessages decodes each line read from br, a slice of br's buffer that
// the next ReadSlice overwrites, and keeps the messages.
func lineMessages(br *bufio.Reader) []*message {
	var out []*message
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return out
		}
		out = append(out, decode(line)) // want `unpinned: line, from br.ReadSlice\(\), is kept in the slice returned, and br.ReadSlice at line \d+ may overwrite or recycle its storage while it is kept`
	}
}
