// Package fielduse uses fieldfuncs' messages from another package: the
// facts of Bytes and Close (which calls the release field) carry the
// alias and its release across.
package fielduse

import (
	"bytes"
	"fieldfuncs"
	"io"
)

func body(r io.Reader) ([]byte, error) {
	m, err := fieldfuncs.Read(r)
	if err != nil {
		return nil, err
	}
	data := m.Bytes()
	m.Close()
	return data, nil // want `unpinned: data, from \(\*fieldfuncs\.Message\)\.Bytes\(\), is returned after the call to \(\*fieldfuncs\.Message\)\.Close at line \d+ \(it reuses m\.buf\)`
}

// forward hands the body to a goroutine, then releases the message.
func forward(w io.Writer, m *fieldfuncs.Message) {
	go w.Write(m.Bytes())
	m.Close() // want `unpinned: \(\*fieldfuncs\.Message\)\.Close reuses m\.buf \(it calls m\.release\) while the slice of it handed off at line \d+ may still be in use`
}

// The correct twins.

func bodyCopy(r io.Reader) ([]byte, error) {
	m, err := fieldfuncs.Read(r)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	return bytes.Clone(m.Bytes()), nil
}

func forwardCopy(w io.Writer, m *fieldfuncs.Message) {
	p := bytes.Clone(m.Bytes())
	go w.Write(p)
	m.Close()
}
