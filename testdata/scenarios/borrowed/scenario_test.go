package borrowed

import (
	"io"
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

// writeRecords writes records through w from one reused buffer, as
// bufio.Writer and io.Copy do: each record overwrites the last one's bytes
// as soon as Write has returned.
func writeRecords(w io.Writer) {
	buf := make([]byte, drive.Size)
	for i := range drive.Iterations() {
		for j := range buf {
			buf[j] = byte(i + j)
		}
		w.Write(buf)
	}
}

func TestBug(t *testing.T) {
	writeRecords(&DeadlineWriter{Dst: new(Sink), Timeout: 1})
}

func TestFixed(t *testing.T) {
	writeRecords(&CopyingWriter{Dst: new(Sink), Timeout: 1})
}
