package guarded

import (
	"bytes"
	"os"
	"sync"
	"sync/atomic"
)

// H2Stream's lock says it guards the fields that follow: a declaration for
// the whole group. For flags, English is not enough: a flag set once is
// read lock-free by design too often (http2's seenSettings, written by
// the read loop that reads it back). grpc-go's Stream set bytesReceived
// before taking the lock: not found. Quiet.
type H2Stream struct {
	id int

	mu sync.RWMutex // guard the following
	// true once headers arrived
	headerDone    bool
	bytesReceived bool
	frames        int
}

func (s *H2Stream) frame() {
	s.mu.Lock()
	s.frames++
	s.mu.Unlock()
}

// Stats reads the count, which changes in place under the lock, after
// unlocking.
func (s *H2Stream) Stats() (int, bool) {
	s.mu.RLock()
	done := s.headerDone
	s.mu.RUnlock()
	return s.frames, done // want `unguarded: s.frames read while s.mu is unlocked \(released at line \d+\); s.mu guards frames \(as its comment says\)`
}

func (s *H2Stream) operateHeaders() {
	s.bytesReceived = true
	s.mu.Lock()
	s.headerDone = true
	s.mu.Unlock()
}

func (s *H2Stream) operateHeadersFixed() {
	s.mu.Lock()
	s.bytesReceived = true
	s.headerDone = true
	s.mu.Unlock()
}

// BytesReceived reads it under the lock.
func (s *H2Stream) BytesReceived() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.bytesReceived
}

// LazyNamed publishes its fields through an atomic state (double-checked
// locking, as go/types' Named): read lock-free once the state says they
// are set. Quiet.
type LazyNamed struct {
	mu     sync.Mutex // guards all fields below
	state  uint32     // accessed atomically, or with mu held
	value  string
	finite bool
}

func (l *LazyNamed) resolve() *LazyNamed {
	if atomic.LoadUint32(&l.state) == 1 {
		return l
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.state == 0 {
		l.value, l.finite = "x", true
		atomic.StoreUint32(&l.state, 1)
	}
	return l
}

func (l *LazyNamed) Value() string { return l.resolve().value }

// Finite reads the flag before taking the lock once the state says it
// is set.
func (l *LazyNamed) Finite() bool {
	if atomic.LoadUint32(&l.state) == 1 {
		return l.finite
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.state == 0 {
		l.value, l.finite = "x", true
		atomic.StoreUint32(&l.state, 1)
	}
	return l.finite
}

// TempDir makes the directory on its first call and reads the error back
// after unlocking: the only writer of the error is this function, under
// the lock, so later calls read what an earlier one published (testing's
// common.TempDir). Quiet.
type Dirs struct {
	tempDirMu  sync.Mutex
	tempDir    string
	tempDirErr error
}

func (d *Dirs) TempDir() string {
	d.tempDirMu.Lock()
	if d.tempDir == "" {
		d.tempDir, d.tempDirErr = os.MkdirTemp("", "x")
	}
	dir := d.tempDir
	d.tempDirMu.Unlock()
	if d.tempDirErr != nil {
		panic(d.tempDirErr)
	}
	return dir
}

// Err reads the error under the lock.
func (d *Dirs) Err() error {
	d.tempDirMu.Lock()
	defer d.tempDirMu.Unlock()
	return d.tempDirErr
}

// A lock named after the fields it follows guards them (yamux's
// recvBuf, then recvLock); holding another lock does not do.
type Mux struct {
	state     int
	stateLock sync.Mutex

	recvBuf  *bytes.Buffer
	recvLock sync.Mutex
}

func (m *Mux) Read(p []byte) int {
	m.stateLock.Lock()
	closed := m.state == 1
	if closed && (m.recvBuf == nil || m.recvBuf.Len() == 0) { // want `unguarded: m.recvBuf read while m.recvLock is not locked yet` `unguarded: m.recvBuf.Len called while m.recvLock is not locked yet`
		m.stateLock.Unlock()
		return 0
	}
	m.stateLock.Unlock()
	m.recvLock.Lock()
	defer m.recvLock.Unlock()
	if m.recvBuf == nil {
		return 0
	}
	n, _ := m.recvBuf.Read(p)
	return n
}

func (m *Mux) ReadFixed(p []byte) int {
	m.stateLock.Lock()
	closed := m.state == 1
	m.stateLock.Unlock()
	m.recvLock.Lock()
	defer m.recvLock.Unlock()
	if closed && (m.recvBuf == nil || m.recvBuf.Len() == 0) {
		return 0
	}
	n, _ := m.recvBuf.Read(p)
	return n
}

func (m *Mux) push(b []byte) {
	m.recvLock.Lock()
	if m.recvBuf == nil {
		m.recvBuf = new(bytes.Buffer)
	}
	m.recvBuf.Write(b)
	m.recvLock.Unlock()
}

func (m *Mux) Close() {
	m.stateLock.Lock()
	m.state = 1
	m.stateLock.Unlock()
}

// The struct's only lock, after a blank line: the size is guarded by use,
// as its writes under the lock in two functions show (go-redis' pool).
type ConnPool struct {
	connsMu sync.Mutex
	conns   [][]byte

	poolSize int
	closed   uint32 // atomic
}

func (p *ConnPool) NewConn(max int) []byte {
	if p.poolSize >= max { // want `unguarded: p.poolSize read while p.connsMu is not locked yet \(this function first locks it at line \d+\); p.connsMu guards poolSize \(every write to it holds the lock\)`
		return nil
	}
	cn := make([]byte, 8)
	p.connsMu.Lock()
	defer p.connsMu.Unlock()
	p.conns = append(p.conns, cn)
	p.poolSize++
	return cn
}

func (p *ConnPool) Remove() {
	p.connsMu.Lock()
	if len(p.conns) > 0 {
		p.conns = p.conns[1:]
		p.poolSize--
	}
	p.connsMu.Unlock()
}

func (p *ConnPool) Closed() bool { return atomic.LoadUint32(&p.closed) == 1 }

// A count only one function touches under the lock, and reads after: its
// lock is not shown to share it. Quiet.
type Counter struct {
	mu   sync.Mutex
	hits int
}

func (c *Counter) Hit() int {
	c.mu.Lock()
	c.hits++
	c.mu.Unlock()
	return c.hits
}

// The config is set by an initializer run through sync.Once, and swapped
// under mu by the one goroutine a semaphore lets in, which reads it
// without mu (net's nsswitchConfig). Quiet.
type nssConfig struct {
	initOnce sync.Once
	sema     chan struct{}
	mu       sync.Mutex // protects conf
	conf     *string
}

func (c *nssConfig) init() {
	s := "files"
	c.conf = &s
}

func (c *nssConfig) tryUpdate() {
	c.initOnce.Do(c.init)
	select {
	case c.sema <- struct{}{}:
	default:
		return
	}
	defer func() { <-c.sema }()
	if *c.conf == "files" {
		return
	}
	s := "dns"
	c.mu.Lock()
	c.conf = &s
	c.mu.Unlock()
}

func (c *nssConfig) get() string {
	c.tryUpdate()
	c.mu.Lock()
	defer c.mu.Unlock()
	return *c.conf
}

// A chain walked holding one lock at a time (go/constant's stringVal):
// the loop variable names the next node, whose lock is held, on the back
// edge. Quiet.
type chain struct {
	mu   sync.Mutex
	s    string
	l, r *chain
}

func (x *chain) String() string {
	x.mu.Lock()
	if x.l != nil {
		x.s = x.flatten()
		x.l, x.r = nil, nil
	}
	s := x.s
	x.mu.Unlock()
	return s
}

// flatten: x must be locked.
func (x *chain) flatten() string {
	y := x
	out := ""
	for y.r != nil {
		l := y.l
		if y != x {
			y.mu.Unlock()
		}
		l.mu.Lock()
		y = l
	}
	out += y.s
	if y != x {
		y.mu.Unlock()
	}
	return out
}

// The server starts a goroutine per listener that reads its entry; the
// teardown waits for each before changing the list (net's
// dualStackServer). Quiet.
type listeners struct {
	lnmu sync.RWMutex
	lns  []listenerEntry
}

type listenerEntry struct {
	name string
	done chan bool
}

func (d *listeners) buildup(handle func(string)) {
	for i := range d.lns {
		go func(i int) {
			handle(d.lns[i].name)
			close(d.lns[i].done)
		}(i)
	}
}

func (d *listeners) teardown() {
	d.lnmu.Lock()
	for i := range d.lns {
		<-d.lns[i].done
	}
	d.lns = d.lns[:0]
	d.lnmu.Unlock()
}

func (d *listeners) count() int {
	d.lnmu.RLock()
	defer d.lnmu.RUnlock()
	return len(d.lns)
}

// A flag above the struct's only lock is not guarded by it: set by the
// constructor, and where it is written under the lock, by the code's own
// protocol (go/types' Named.allowNilRHS). Quiet.
type named struct {
	allowNil bool

	mu         sync.Mutex
	underlying *string
}

func newNamed(u *string) *named {
	n := &named{}
	if u == nil {
		n.allowNil = true
	} else {
		n.setUnderlying(u)
	}
	return n
}

func (n *named) setUnderlying(u *string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.underlying = u
	n.allowNil = false
}

func (n *named) Underlying() *string {
	n.mu.Lock()
	u := n.underlying
	n.mu.Unlock()
	if u == nil && !n.allowNil {
		panic("nil underlying")
	}
	return u
}

// A comment that says how fields are shared, other than by the lock,
// keeps the convention off them (fasthttp's streamPipe). Quiet.
type streamPipe struct {
	mu     sync.Mutex
	count  int
	closed bool

	// Only the reader touches the current block; others reset it under mu.
	current *block
	offset  int
}

type block struct{ data []byte }

func (p *streamPipe) reset() {
	p.mu.Lock()
	p.offset = 0
	p.mu.Unlock()
}

func (p *streamPipe) next() {
	if p.current != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.current = new(block)
	p.offset = 0
	p.count--
}

func (p *streamPipe) Read(b []byte) int {
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return 0
	}
	p.next()
	return copy(b, p.current.data[p.offset:])
}

// A pointer set once under the lock and read without it is published,
// not guarded: the convention needs a pointer changed in place. Quiet.
type adaptorWriter struct {
	mu   sync.Mutex
	body []byte
	pr   *os.File
	n    int
}

func (w *adaptorWriter) open() {
	w.mu.Lock()
	w.pr = os.Stdin
	w.n++
	w.mu.Unlock()
}

func (w *adaptorWriter) Read(b []byte) int {
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
	if w.pr != nil {
		n, _ := w.pr.Read(b)
		return n
	}
	return 0
}
