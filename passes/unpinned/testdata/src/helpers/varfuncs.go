package helpers

import (
	"bytes"
	"encoding/json"
)

// Function literals held in package-level variables are analyzed like
// declared functions (resty's noescapeJSONMarshal).

var marshalNoEscape = func(v any) ([]byte, error) {
	buf := getBuf()
	defer putBuf(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err // want `unpinned: the slice from buf.Bytes\(\) is returned after the call to putBuf at line 13 \(it reuses buf\)`
}

var marshalNoEscapeFixed = func(v any) ([]byte, error) {
	buf := getBuf()
	defer putBuf(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.Clone(buf.Bytes()), err
}

// In a map of encoders, and in a struct of hooks.
var encoders = map[string]func(string) []byte{
	"upper": func(s string) []byte {
		b := pool.Get().(*bytes.Buffer)
		defer pool.Put(b)
		b.Reset()
		b.WriteString(s)
		return b.Bytes() // want `unpinned: the slice from b.Bytes\(\) is returned after the Put of b back into its pool`
	},
	"copy": func(s string) []byte {
		b := pool.Get().(*bytes.Buffer)
		defer pool.Put(b)
		b.Reset()
		b.WriteString(s)
		return append([]byte(nil), b.Bytes()...)
	},
}

var hooks = struct {
	release func(c *pconn) int
}{
	release: func(c *pconn) int {
		pconns.Put(c)
		return c.n // want `unpinned: c is used after the Put of c back into its pool`
	},
}
