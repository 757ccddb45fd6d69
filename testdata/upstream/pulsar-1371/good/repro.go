package repro

import (
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

var errSendTimeout = errors.New("message send timeout")

// Buffer is a variable-sized buffer of bytes.
type Buffer interface {
	Write(s []byte)
	ReadableSlice() []byte
	Clear()

	Retain()
	Release()
}

type bufferPoolImpl struct {
	sync.Pool
}

func (p *bufferPoolImpl) GetBuffer(initSize int) Buffer {
	b, ok := p.Get().(*buffer)
	if ok {
		b.Clear()
	} else {
		b = &buffer{data: make([]byte, 0, initSize)}
	}
	b.pool = p
	b.Retain()
	return b
}

type buffer struct {
	data      []byte
	readerIdx uint32
	writerIdx uint32

	refCnt atomic.Int64
	pool   *bufferPoolImpl
}

func (b *buffer) Write(s []byte) {
	b.data = append(b.data[:b.writerIdx], s...)
	b.writerIdx += uint32(len(s))
}

func (b *buffer) ReadableSlice() []byte { return b.data[b.readerIdx:b.writerIdx] }

func (b *buffer) Clear() { b.readerIdx, b.writerIdx = 0, 0 }

func (b *buffer) Retain() { b.refCnt.Add(1) }

// Release returns the buffer to its pool once nobody references it.
func (b *buffer) Release() {
	if b.refCnt.Add(-1) == 0 && b.pool != nil {
		b.pool.Put(b)
	}
}

type dataRequest struct {
	ctx  context.Context
	data Buffer
}

// connection owns the socket; run writes queued data in order.
type connection struct {
	cnx             io.Writer
	writeRequestsCh chan *dataRequest
	closeCh         chan struct{}
}

func newConnection(cnx io.Writer) *connection {
	c := &connection{cnx: cnx, writeRequestsCh: make(chan *dataRequest, 256), closeCh: make(chan struct{})}
	go c.run()
	return c
}

func (c *connection) Close() { close(c.closeCh) }

func (c *connection) run() {
	for {
		select {
		case <-c.closeCh:
			return
		case req := <-c.writeRequestsCh:
			c.internalWriteData(req.ctx, req.data)
			req.data.Release()
		}
	}
}

func (c *connection) WriteData(ctx context.Context, data Buffer) {
	writeToQueue := false
	defer func() {
		if !writeToQueue {
			data.Release()
		}
	}()
	select {
	case c.writeRequestsCh <- &dataRequest{ctx: ctx, data: data}:
		writeToQueue = true
	case <-ctx.Done():
	case <-c.closeCh:
	}
}

func (c *connection) internalWriteData(ctx context.Context, data Buffer) {
	select {
	case <-ctx.Done():
		return
	default:
		c.cnx.Write(data.ReadableSlice())
	}
}

var buffersPool = &bufferPoolImpl{}

type pendingItem struct {
	sync.Mutex
	ctx       context.Context
	cancel    context.CancelFunc
	buffer    Buffer
	createdAt time.Time
	isDone    bool
}

func (i *pendingItem) done(err error) {
	if i.isDone {
		return
	}
	i.isDone = true
	// drop this item's reference once the callbacks ran.
	defer i.buffer.Release()
	if i.cancel != nil {
		i.cancel()
	}
}

type partitionProducer struct {
	conn         *connection
	sendTimeout  time.Duration
	pendingQueue []*pendingItem
}

// Send frames msg into a pooled buffer and hands it to the connection.
func (p *partitionProducer) Send(msg []byte) {
	buffer := buffersPool.GetBuffer(len(msg) + 8)
	buffer.Write([]byte{0, 0, 0, byte(len(msg))})
	buffer.Write(msg)
	p.writeData(buffer)
}

func (p *partitionProducer) writeData(buffer Buffer) {
	ctx, cancel := context.WithCancel(context.Background())
	p.pendingQueue = append(p.pendingQueue, &pendingItem{
		ctx:       ctx,
		cancel:    cancel,
		buffer:    buffer,
		createdAt: time.Now(),
	})
	buffer.Retain() // one reference for the connection
	p.conn.WriteData(ctx, buffer)
}

// failTimeoutMessages fails the pending messages older than sendTimeout.
func (p *partitionProducer) failTimeoutMessages() {
	kept := p.pendingQueue[:0]
	for _, pi := range p.pendingQueue {
		if time.Since(pi.createdAt) >= p.sendTimeout {
			pi.Lock()
			pi.done(errSendTimeout)
			pi.Unlock()
		} else {
			kept = append(kept, pi)
		}
	}
	p.pendingQueue = kept
}
