// Package realbugs holds minimal reproducers of true bugs buflint found in
// real code (docs/real-world.md). Run them with:
//
//	cd testdata/realbugs && go test -race ./...
package realbugs

import (
	"bytes"
	"compress/lzw"
	"testing"
)

// compressed returns data compressed with w, written into buf.
func compressed(t *testing.T, buf *bytes.Buffer, w *lzw.Writer, data []byte) {
	t.Helper()
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestWriterResetComparisonIsVacuous reproduces the shape of
// compress/lzw's TestWriterReset: b1 := buf.Bytes(); buf.Reset(); write
// again; b2 := buf.Bytes(); compare. The Reset keeps buf's storage, so b1
// sees the second output, and the comparison cannot fail when the two
// outputs differ in content but not in length. Here they differ on
// purpose, and bytes.Equal still says they are the same.
func TestWriterResetComparisonIsVacuous(t *testing.T) {
	var buf bytes.Buffer
	w := lzw.NewWriter(&buf, lzw.LSB, 8).(*lzw.Writer)
	compressed(t, &buf, w, bytes.Repeat([]byte("abcd"), 16))
	first := bytes.Clone(buf.Bytes())
	b1 := buf.Bytes() // what the std test keeps

	buf.Reset()
	w.Reset(&buf, lzw.LSB, 8)
	compressed(t, &buf, w, bytes.Repeat([]byte("wxyz"), 16)) // same shape, other bytes
	b2 := buf.Bytes()

	if bytes.Equal(first, b2) {
		t.Fatal("the two outputs are the same; the reproducer needs different ones")
	}
	if !bytes.Equal(b1, b2) {
		t.Fatalf("b1 kept the first output (%x); the std test's comparison would be meaningful", b1)
	}
	t.Logf("b1 was overwritten by the second output: bytes.Equal(b1, b2) is true although the outputs differ (first %x, second %x)", first, b2)
}
