package repro

import (
	"context"
	"io"
	"testing"
	"time"
)

// slowBody is a request body that takes a while to deliver its bytes.
type slowBody struct {
	left int
	fill byte
}

func (b *slowBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	time.Sleep(time.Millisecond)
	n := min(len(p), b.left)
	for i := range p[:n] {
		p[i] = b.fill
	}
	b.left -= n
	return n, nil
}

type sumFile struct{ sum int }

func (f *sumFile) Write(p []byte) (int, error) {
	for _, c := range p {
		f.sum += int(c)
	}
	return len(p), nil
}

func (f *sumFile) Close() error { return nil }

// Uploads whose body is slower than the drive timeout fail; the copy
// buffer goes back to the pool and serves the next upload.
func TestCreateFileSlowBody(t *testing.T) {
	disk := &xlStorageDiskIDCheck{
		storage:    &xlStorage{openFile: func(string) io.WriteCloser { return &sumFile{} }},
		maxTimeout: 200 * time.Microsecond,
	}
	for i := 0; i < 40; i++ {
		body := &slowBody{left: 1024, fill: byte(i)}
		disk.CreateFile(context.Background(), "bucket", "object", 1024, body)
	}
	time.Sleep(5 * time.Millisecond)
}
