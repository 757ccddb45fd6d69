package repro

import (
	"encoding/binary"
	"errors"
	"io"
)

// DataRow is a row of a query result. Values point into the frontend's
// read buffer.
type DataRow struct {
	Values [][]byte
}

// Decode parses a DataRow body (without type byte and length) into dst.
func (dst *DataRow) Decode(src []byte) error {
	if len(src) < 2 {
		return errors.New("invalid DataRow")
	}
	rp := 0
	fieldCount := int(binary.BigEndian.Uint16(src[rp:]))
	rp += 2

	if cap(dst.Values) < fieldCount {
		dst.Values = make([][]byte, fieldCount)
	} else {
		dst.Values = dst.Values[:fieldCount]
	}

	for i := 0; i < fieldCount; i++ {
		if len(src[rp:]) < 4 {
			return errors.New("invalid DataRow")
		}
		msgSize := int(int32(binary.BigEndian.Uint32(src[rp:])))
		rp += 4
		if msgSize == -1 {
			dst.Values[i] = nil
			continue
		}
		if len(src[rp:]) < msgSize {
			return errors.New("invalid DataRow")
		}
		dst.Values[i] = src[rp : rp+msgSize]
		rp += msgSize
	}
	return nil
}

// Frontend reads backend messages into a buffer it reuses.
type Frontend struct {
	r       io.Reader
	buf     []byte
	dataRow DataRow
}

// NewFrontend returns a frontend reading from r.
func NewFrontend(r io.Reader) *Frontend {
	return &Frontend{r: r, buf: make([]byte, 8192)}
}

// Receive reads the next DataRow message (4-byte length, then body).
func (f *Frontend) Receive() (*DataRow, error) {
	if _, err := io.ReadFull(f.r, f.buf[:4]); err != nil {
		return nil, err
	}
	n := int(binary.BigEndian.Uint32(f.buf[:4])) - 4
	if n < 0 || n > len(f.buf) {
		return nil, errors.New("bad message length")
	}
	body := f.buf[:n]
	if _, err := io.ReadFull(f.r, body); err != nil {
		return nil, err
	}
	if err := f.dataRow.Decode(body); err != nil {
		return nil, err
	}
	return &f.dataRow, nil
}
