package ordinary

import (
	"errors"
	"io"
	"net"
	"time"
)

// A select with a default did not receive on the default path: it joins
// nothing there, and the next read reuses the buffer the receiver may
// still hold.
func readLoopDefault(c net.PacketConn, stop chan struct{}, out chan<- []byte) {
	buf := make([]byte, 1280)
	for {
		n, _, err := c.ReadFrom(buf) // want `unpinned: ReadFrom writes into buf while the slice of it handed off at line \d+ may still be in use`
		if err != nil {
			return
		}
		select {
		case <-stop:
			return
		case out <- buf[:n]:
		default:
		}
	}
}

// Packet carries a datagram and where it came from.
type Packet struct {
	Data []byte
	Addr net.Addr
}

// A struct that holds the slice hands the slice off with it.
func readLoopStruct(c net.PacketConn, out chan<- Packet) {
	buf := make([]byte, 1280)
	for {
		n, from, err := c.ReadFrom(buf) // want `unpinned: ReadFrom writes into buf while the slice of it handed off at line \d+ may still be in use`
		if err != nil {
			return
		}
		out <- Packet{buf[:n], from}
	}
}

// The fix: each packet gets its own bytes.
func readLoopCopy(c net.PacketConn, out chan<- Packet) {
	buf := make([]byte, 1280)
	for {
		n, from, err := c.ReadFrom(buf)
		if err != nil {
			return
		}
		out <- Packet{append([]byte(nil), buf[:n]...), from}
	}
}

// A receive joins the goroutine that sends on the channel: after the
// result arrives the buffer is the caller's again.
func readWait(r io.Reader, buf []byte) (int, error) {
	done := make(chan int, 1)
	go func() {
		n, _ := r.Read(buf)
		done <- n
	}()
	return <-done, nil
}

// timeoutReader gives up on a read after its timeout.
type timeoutReader struct {
	r       io.Reader
	timeout time.Duration
}

var errTimeout = errors.New("timeout")

// Read returns on the timer's branch while the goroutine still reads into
// p: the timer's channel is not the goroutine's, and joins nothing.
func (t *timeoutReader) Read(p []byte) (int, error) {
	c := make(chan int, 1)
	timer := time.NewTimer(t.timeout)
	defer timer.Stop()
	go func() {
		n, _ := t.r.Read(p)
		c <- n
	}()
	select {
	case n := <-c:
		return n, nil
	case <-timer.C:
		return 0, errTimeout // want `unpinned: Read returns while p, handed off at line \d+, may still be in use; an io.Reader must not keep p after it returns`
	}
}

// waitReader waits for the goroutine on every path.
type waitReader struct{ r io.Reader }

func (w *waitReader) Read(p []byte) (int, error) {
	c := make(chan int, 1)
	go func() {
		n, _ := w.r.Read(p)
		c <- n
	}()
	n := <-c
	return n, nil
}

// queueWriter hands the caller's slice to a writer goroutine inside a
// struct, and returns when the queue is full without waiting for it.
type queueWriter struct {
	q    chan Packet
	done chan error
}

func (w *queueWriter) Write(p []byte) (int, error) {
	select {
	case w.q <- Packet{Data: p}:
	case <-time.After(time.Second):
		return 0, errTimeout
	}
	if err := <-w.done; err != nil {
		return 0, err
	}
	return len(p), nil
}

// leakyWriter returns as soon as the slice is queued.
type leakyWriter struct{ q chan []byte }

func (w *leakyWriter) Write(p []byte) (int, error) {
	w.q <- p
	return len(p), nil // want `unpinned: Write returns while p, handed off at line \d+, may still be in use; an io.Writer must not keep p`
}

// Token is a decoder's token: a slice of its buffer for text, or a name.
type Token any

type decoder struct {
	r   io.Reader
	buf []byte
}

// next returns a token that may hold a slice of d.buf, behind an
// interface: its callers cannot tell, and it is not taken as an alias.
func (d *decoder) next() (Token, error) {
	n, err := d.r.Read(d.buf)
	if n > 0 && d.buf[0] == '<' {
		return string(d.buf[1:n]), err
	}
	return d.buf[:n], err
}

func twoTokens(d *decoder) bool {
	t1, _ := d.next()
	t2, _ := d.next()
	s, ok := t1.(string)
	return ok && s == t2
}

// A non-blocking send hands the slice over only when it is chosen: on the
// default branch the packet is dropped and buf is still the loop's.
func tryPublish(r io.Reader, out chan<- []byte) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return
		}
		select {
		case out <- buf[:n]:
			return
		default:
		}
	}
}

// The same loop keeps reading into buf after a send that went through.
func keepPublishing(r io.Reader, out chan<- []byte) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf) // want `unpinned: Read writes into buf while the slice of it handed off at line \d+ may still be in use`
		if err != nil {
			return
		}
		select {
		case out <- buf[:n]:
		default:
		}
	}
}
