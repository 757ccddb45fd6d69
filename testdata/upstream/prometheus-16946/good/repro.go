package repro

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
	"unsafe"
)

// Label is a name/value pair.
type Label struct {
	Name, Value string
}

// Labels is a sorted set of labels.
type Labels []Label

// ScratchBuilder builds Labels (slice-of-labels implementation).
type ScratchBuilder struct {
	add []Label
}

// Reset clears the builder.
func (b *ScratchBuilder) Reset() { b.add = b.add[:0] }

// Add appends a label; the strings are kept as given.
func (b *ScratchBuilder) Add(name, value string) {
	b.add = append(b.add, Label{Name: name, Value: value})
}

// UnsafeAddBytes adds a name/value pair given as bytes. This version copies
// the bytes.
func (b *ScratchBuilder) UnsafeAddBytes(name, value []byte) {
	b.add = append(b.add, Label{Name: string(name), Value: string(value)})
}

// Labels returns a copy of the labels built so far.
func (b *ScratchBuilder) Labels() Labels {
	return append(Labels{}, b.add...)
}

type scratchBuilder interface {
	Add(name, value string)
	UnsafeAddBytes(name, value []byte)
}

func yoloString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// MetricStreamingDecoder decodes metrics from a scraped body. Each metric is
// a count byte followed by that many labels.
type MetricStreamingDecoder struct {
	in    []byte
	inPos int
}

// NewMetricStreamingDecoder returns a decoder over data.
func NewMetricStreamingDecoder(data []byte) *MetricStreamingDecoder {
	return &MetricStreamingDecoder{in: data}
}

// NextMetric decodes the labels of the next metric into b.
func (m *MetricStreamingDecoder) NextMetric(b scratchBuilder) error {
	if m.inPos >= len(m.in) {
		return io.EOF
	}
	n := int(m.in[m.inPos])
	m.inPos++
	for range n {
		size, err := labelSize(m.in[m.inPos:])
		if err != nil {
			return err
		}
		if err := parseLabel(m.in[m.inPos:m.inPos+size], b); err != nil {
			return err
		}
		m.inPos += size
	}
	return nil
}

func labelSize(d []byte) (int, error) {
	if len(d) < 1 || len(d) < 2+int(d[0]) {
		return 0, io.ErrUnexpectedEOF
	}
	size := 2 + int(d[0]) + int(d[1+int(d[0])])
	if len(d) < size {
		return 0, io.ErrUnexpectedEOF
	}
	return size, nil
}

// parseLabel decodes one length-prefixed name and value and adds them to b.
func parseLabel(dAtA []byte, b scratchBuilder) error {
	var name, value []byte
	l := int(dAtA[0])
	name = dAtA[1 : 1+l]
	dAtA = dAtA[1+l:]
	value = dAtA[1 : 1+int(dAtA[0])]
	if !utf8.ValidString(yoloString(value)) {
		return errors.New("invalid label value")
	}
	b.UnsafeAddBytes(name, value)
	return nil
}

type scrapeLoop struct {
	buf    []byte
	series []Labels
}

// scrapeAndReport reads a scrape body into the loop's reused buffer and
// records the series found in it.
func (sl *scrapeLoop) scrapeAndReport(r io.Reader) error {
	buf := bytes.NewBuffer(sl.buf[:0])
	if _, err := buf.ReadFrom(r); err != nil {
		return err
	}
	sl.buf = buf.Bytes()
	dec := NewMetricStreamingDecoder(sl.buf)
	var b ScratchBuilder
	for {
		b.Reset()
		if err := dec.NextMetric(&b); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		sl.series = append(sl.series, b.Labels())
	}
}
