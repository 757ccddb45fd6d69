// Package wrapuse calls the wrappers package's methods from another
// package: the facts of Msg, Bytes, Next and Close carry the alias and
// its reuse across, although the buffers are behind unexported fields.
package wrapuse

import (
	"bytes"
	"io"

	"wrappers"
)

func first(d *wrappers.Decoder) []byte {
	d.Next()
	m := d.Msg()
	d.Next()
	return m // want `unpinned: m, from \(\*wrappers\.Decoder\)\.Msg\(\), is returned after the call to \(\*wrappers\.Decoder\)\.Next at line \d+ \(it reuses d\.br\), which may overwrite or recycle its storage`
}

// A goroutine handed the line while the decoder reads the next one.
func pump(d *wrappers.Decoder, w io.Writer) {
	for d.Next() { // want `unpinned: \(\*wrappers\.Decoder\)\.Next reuses d\.br \(it calls ReadSlice\) while the slice of it handed off at line \d+ may still be in use`
		m := d.Msg()
		go w.Write(m)
	}
}

// reply sends the response's bytes after giving its buffer back.
func reply(w io.Writer, r *wrappers.Response) {
	b := r.Bytes()
	r.Close()
	w.Write(b) // want `unpinned: b, from \(\*wrappers\.Response\)\.Bytes\(\), is used after the call to \(\*wrappers\.Response\)\.Close at line \d+ \(it reuses r\.buf\)`
}

// replyDeferred keeps a slice of the response past its deferred Close.
func replyDeferred(r *wrappers.Response) []byte {
	defer r.Close()
	return r.Bytes() // want `unpinned: the slice from \(\*wrappers\.Response\)\.Bytes\(\) is returned after the call to \(\*wrappers\.Response\)\.Close at line \d+ \(it reuses r\.buf\)`
}

// The correct twins.

func firstText(d *wrappers.Decoder) string {
	d.Next()
	m := d.Text()
	d.Next()
	return m
}

func firstClone(d *wrappers.Decoder) []byte {
	d.Next()
	m := bytes.Clone(d.Msg())
	d.Next()
	return m
}

func pumpCopies(d *wrappers.Decoder, w io.Writer) {
	for d.Next() {
		m := bytes.Clone(d.Msg())
		go w.Write(m)
	}
}

func replyBefore(w io.Writer, r *wrappers.Response) {
	defer r.Close()
	w.Write(r.Bytes())
}

func replyLen(r *wrappers.Response) int {
	n := len(r.Bytes())
	r.Close()
	return n
}
