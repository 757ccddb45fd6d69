package repro

import (
	"bytes"
	"encoding/binary"
	"testing"
)

func dataRowMsg(values ...string) []byte {
	body := binary.BigEndian.AppendUint16(nil, uint16(len(values)))
	for _, v := range values {
		body = binary.BigEndian.AppendUint32(body, uint32(len(v)))
		body = append(body, v...)
	}
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(body)+4)), body...)
}

func TestAppendToValueLeavesRowIntact(t *testing.T) {
	f := NewFrontend(bytes.NewReader(dataRowMsg("prefix", "second-column", "third")))
	row, err := f.Receive()
	if err != nil {
		t.Fatal(err)
	}
	first := append(row.Values[0], "-suffix"...)
	if string(first) != "prefix-suffix" {
		t.Fatalf("first = %q", first)
	}
	if got := string(row.Values[1]); got != "second-column" {
		t.Fatalf("second value overwritten by append to first: %q", got)
	}
	if got := string(row.Values[2]); got != "third" {
		t.Fatalf("third value = %q", got)
	}
}
