package repro

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"
)

var errSendTimeout = errors.New("message send timeout")

// Buffer is a variable-sized buffer of bytes.
type Buffer interface {
	Write(s []byte)
	ReadableSlice() []byte
	Clear()
}

type buffer struct {
	data      []byte
	readerIdx uint32
	writerIdx uint32
}

func NewBuffer(size int) Buffer { return &buffer{data: make([]byte, 0, size)} }

func (b *buffer) Write(s []byte) {
	b.data = append(b.data[:b.writerIdx], s...)
	b.writerIdx += uint32(len(s))
}

func (b *buffer) ReadableSlice() []byte { return b.data[b.readerIdx:b.writerIdx] }

func (b *buffer) Clear() { b.readerIdx, b.writerIdx = 0, 0 }

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
		}
	}
}

func (c *connection) WriteData(ctx context.Context, data Buffer) {
	select {
	case c.writeRequestsCh <- &dataRequest{ctx: ctx, data: data}:
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

var buffersPool sync.Pool

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
	// the buffer goes back to the pool once the callbacks ran.
	defer buffersPool.Put(i.buffer)
	if i.cancel != nil {
		i.cancel()
	}
}

type partitionProducer struct {
	conn         *connection
	sendTimeout  time.Duration
	pendingQueue []*pendingItem
}

func (p *partitionProducer) GetBuffer() Buffer {
	b, ok := buffersPool.Get().(Buffer)
	if ok {
		b.Clear()
	}
	return b
}

// Send frames msg into a pooled buffer and hands it to the connection.
func (p *partitionProducer) Send(msg []byte) {
	buffer := p.GetBuffer()
	if buffer == nil {
		buffer = NewBuffer(len(msg) + 8)
	}
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
