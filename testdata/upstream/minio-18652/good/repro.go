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
	return p.storage.CreateFile(ctx, volume, path, size, io.NopCloser(reader))
}
