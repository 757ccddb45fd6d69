package repro

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"
)

var errLessData = errors.New("less data available than what was requested")

// ODirectPool holds the buffers writeAllDirect copies through.
var ODirectPool = sync.Pool{New: func() any {
	b := make([]byte, 4096)
	return &b
}}

type ioret struct {
	n   int
	err error
}

// DeadlineReader makes every Read respect a timeout.
type DeadlineReader struct {
	io.ReadCloser
	timeout time.Duration
	err     error
}

func NewDeadlineReader(r io.ReadCloser, timeout time.Duration) io.ReadCloser {
	return &DeadlineReader{ReadCloser: r, timeout: timeout}
}

func (r *DeadlineReader) Read(buf []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}

	c := make(chan ioret, 1)
	t := time.NewTimer(r.timeout)
	go func() {
		n, err := r.ReadCloser.Read(buf)
		c <- ioret{n, err}
		close(c)
	}()

	select {
	case res := <-c:
		if !t.Stop() {
			<-t.C
		}
		r.err = res.err
		return res.n, res.err
	case <-t.C:
		r.ReadCloser.Close()
		r.err = context.DeadlineExceeded
		return 0, context.DeadlineExceeded
	}
}

// xlStorage writes objects to one drive.
type xlStorage struct {
	openFile func(path string) io.WriteCloser
}

func (s *xlStorage) CreateFile(ctx context.Context, volume, path string, fileSize int64, r io.Reader) error {
	return s.writeAllDirect(ctx, volume+"/"+path, fileSize, r)
}

func (s *xlStorage) writeAllDirect(ctx context.Context, filePath string, fileSize int64, r io.Reader) error {
	w := s.openFile(filePath)
	defer w.Close()

	bufp := ODirectPool.Get().(*[]byte)
	defer ODirectPool.Put(bufp)

	written, err := io.CopyBuffer(w, r, *bufp)
	if err != nil {
		return err
	}
	if written < fileSize {
		return errLessData
	}
	return nil
}

// xlStorageDiskIDCheck wraps a drive with health checks and timeouts.
type xlStorageDiskIDCheck struct {
	storage    *xlStorage
	maxTimeout time.Duration
}

func (p *xlStorageDiskIDCheck) CreateFile(ctx context.Context, volume, path string, size int64, reader io.Reader) error {
	return p.storage.CreateFile(ctx, volume, path, size, NewDeadlineReader(io.NopCloser(reader), p.maxTimeout))
}
