package guarded

import (
	"bufio"
	"bytes"
	"strings"
	"sync"
)

// Cache is read by many goroutines under RLock.
type Cache struct {
	mu  sync.RWMutex
	buf bytes.Buffer
	raw [64]byte
	sb  strings.Builder
}

// Peek only reads under the read lock: correct.
func (c *Cache) Peek() (int, byte) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.buf.Len(), c.raw[0]
}

// Drain reads from the buffer under the read lock: Read moves the read
// offset, so two goroutines holding RLock race.
func (c *Cache) Drain(p []byte) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, _ := c.buf.Read(p) // want `unguarded: c.buf.Read called while c.mu is held only for reading \(RLock\): it changes guarded data, so goroutines holding the read lock at the same time race with it; take c.mu.Lock\(\) instead`
	return n
}

// Stamp writes an element of the array under the read lock.
func (c *Cache) Stamp() {
	c.mu.RLock()
	c.raw[1] = 7 // want `unguarded: c.raw written while c.mu is held only for reading`
	c.mu.RUnlock()
}

// Put writes under the write lock: correct.
func (c *Cache) Put(p []byte) {
	c.mu.Lock()
	c.buf.Write(p)
	c.raw[1] = p[0]
	c.sb.WriteString("x")
	c.mu.Unlock()
}

// Text reads the builder after the read lock is released.
func (c *Cache) Text() string {
	c.mu.RLock()
	c.mu.RUnlock()
	return c.sb.String() // want `unguarded: c.sb.String called while c.mu is unlocked`
}

// Stream embeds its mutex: s.Lock() locks s.Mutex.
type Stream struct {
	sync.Mutex
	w   *bufio.Writer
	out []byte
}

func (s *Stream) Send(p []byte) error {
	s.Lock()
	defer s.Unlock()
	s.out = append(s.out[:0], p...)
	_, err := s.w.Write(s.out)
	return err
}

func (s *Stream) SendLate(p []byte) error {
	s.Lock()
	s.out = append(s.out[:0], p...)
	s.Unlock()
	return s.w.Flush() // want `unguarded: s.w.Flush called while s.Mutex is unlocked`
}

// Scratch is guarded by use, not by position: its lock is declared below,
// but every write holds it.
type Scratch struct {
	scratch []byte
	n       int

	mu sync.Mutex
}

func (s *Scratch) Fill(p []byte) {
	s.mu.Lock()
	s.scratch = append(s.scratch[:0], p...)
	s.mu.Unlock()
}

func (s *Scratch) Sum() (t int) {
	for _, b := range s.scratch { // want `unguarded: s.scratch read while s.mu is not locked yet`
		t += int(b)
	}
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	return t
}

// Loose has a lock, but its buffer is written without it somewhere: the
// code does not bear out that mu guards it, so nothing is reported.
type Loose struct {
	data []byte

	mu sync.Mutex
}

func (l *Loose) Set(p []byte) {
	l.data = p
}

func (l *Loose) Locked(p []byte) {
	l.mu.Lock()
	l.data = append(l.data, p...)
	l.mu.Unlock()
}

func (l *Loose) Get() []byte { return l.data }

// Config's buffer heads the group, but is written only by its constructor:
// it is immutable once shared, and reading it needs no lock.
type Config struct {
	mu     sync.Mutex
	prefix []byte
	hits   int
}

func NewConfig(p string) *Config { return &Config{prefix: []byte(p)} }

func (c *Config) Hit() {
	c.mu.Lock()
	c.hits++
	_ = len(c.prefix)
	c.mu.Unlock()
}

func (c *Config) Prefix() []byte { return c.prefix }

// Commented names what its lock protects, wherever the fields are.
type Commented struct {
	// mu protects pending.
	mu sync.Mutex

	other   int
	pending []byte
}

func (c *Commented) Add(p []byte) {
	c.mu.Lock()
	c.pending = append(c.pending, p...)
	c.mu.Unlock()
	c.other = len(c.pending) // want `unguarded: c.pending read while c.mu is unlocked \(released at line 155\); c.mu guards pending \(as its comment says\)`
}
