package repro

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// ByteBuffer is a reusable byte slice holder.
type ByteBuffer struct {
	B []byte
}

// Reset empties bb for reuse.
func (bb *ByteBuffer) Reset() { bb.B = bb.B[:0] }

// ByteBufferPool pools ByteBuffers.
type ByteBufferPool struct {
	p sync.Pool
}

// Get returns an empty ByteBuffer.
func (bbp *ByteBufferPool) Get() *ByteBuffer {
	bbv := bbp.p.Get()
	if bbv == nil {
		return &ByteBuffer{}
	}
	return bbv.(*ByteBuffer)
}

// Put returns bb to the pool.
func (bbp *ByteBufferPool) Put(bb *ByteBuffer) {
	bb.Reset()
	bbp.p.Put(bb)
}

var (
	writeRequestBufPool ByteBufferPool
	compressBufPool     ByteBufferPool
)

// WriteRequest is a batch of series to push.
type WriteRequest struct {
	Timeseries []string
}

// MarshalProtobuf appends the encoded request to dst.
func (wr *WriteRequest) MarshalProtobuf(dst []byte) []byte {
	for _, ts := range wr.Timeseries {
		dst = binary.AppendUvarint(dst, uint64(len(ts)))
		dst = append(dst, ts...)
	}
	return dst
}

// encodeBlock stands in for the block compressor: it appends a framed copy of src.
func encodeBlock(dst, src []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(src)))
	return append(dst, src...)
}

// Client pushes write requests to a remote storage.
type Client struct {
	c                *http.Client
	addr             string
	retryMinInterval time.Duration
	retryMaxTime     time.Duration
	sentRows         atomic.Int64
	droppedRows      atomic.Int64
}

func (c *Client) flush(ctx context.Context, wr *WriteRequest) {
	if len(wr.Timeseries) < 1 {
		return
	}
	bb := writeRequestBufPool.Get()
	bb.B = wr.MarshalProtobuf(bb.B[:0])
	zb := compressBufPool.Get()
	// A failed send may leave the http transport reading zb.B in another
	// goroutine after send returns, so only recycle zb if every send succeeded.
	sendFailed := false
	defer func() {
		if !sendFailed {
			compressBufPool.Put(zb)
		}
	}()
	zb.B = encodeBlock(zb.B[:0], bb.B)
	writeRequestBufPool.Put(bb)

	timeStart := time.Now()
L:
	for {
		err := c.send(ctx, zb.B)
		if err != nil {
			sendFailed = true
			if errors.Is(err, io.EOF) {
				// one more attempt in case something in between closed the connection
				err = c.send(ctx, zb.B)
			}
		}
		if err == nil {
			c.sentRows.Add(int64(len(wr.Timeseries)))
			return
		}
		select {
		case <-ctx.Done():
			break L
		default:
		}
		if time.Since(timeStart) > c.retryMaxTime {
			break
		}
		time.Sleep(c.retryMinInterval)
	}
	c.droppedRows.Add(int64(len(wr.Timeseries)))
}

func (c *Client) send(ctx context.Context, data []byte) error {
	r := bytes.NewReader(data)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.addr, r)
	if err != nil {
		return fmt.Errorf("failed to create new HTTP request: %w", err)
	}
	req.Header.Set("Content-Encoding", "snappy")
	resp, err := c.c.Do(req)
	if err != nil {
		return fmt.Errorf("error while sending request to %s: %w; Data len %d(%d)", c.addr, err, len(data), r.Size())
	}
	defer func() { _ = resp.Body.Close() }()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("unexpected response code %d", resp.StatusCode)
	}
	return nil
}
