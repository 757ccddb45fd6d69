package repro

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

const defaultFramerate = time.Second / 60

// renderer repaints the view from its buffer on every tick.
type renderer struct {
	out           io.Writer
	buf           bytes.Buffer
	framerate     time.Duration
	ticker        *time.Ticker
	mtx           *sync.Mutex
	done          chan struct{}
	lastRender    string
	linesRendered int
}

// newRenderer creates a renderer that shares mtx with its program.
func newRenderer(out io.Writer, mtx *sync.Mutex) *renderer {
	return &renderer{
		out:       out,
		mtx:       mtx,
		framerate: defaultFramerate,
	}
}

// start starts the renderer.
func (r *renderer) start() {
	if r.ticker == nil {
		r.ticker = time.NewTicker(r.framerate)
	}
	r.done = make(chan struct{})
	go r.listen()
}

// stop permanently halts the renderer.
func (r *renderer) stop() {
	r.flush()
	r.done <- struct{}{}
}

// listen waits for ticks, or a signal to stop the renderer.
func (r *renderer) listen() {
	for {
		select {
		case <-r.ticker.C:
			r.flush()
		case <-r.done:
			r.mtx.Lock()
			r.ticker.Stop()
			r.mtx.Unlock()
			close(r.done)
			return
		}
	}
}

// flush renders the buffer.
func (r *renderer) flush() {
	if r.buf.Len() == 0 || r.buf.String() == r.lastRender {
		// Nothing to do
		return
	}

	out := new(bytes.Buffer)

	r.mtx.Lock()
	defer r.mtx.Unlock()

	// Clear the lines painted by the last render.
	for i := r.linesRendered - 1; i > 0; i-- {
		io.WriteString(out, "\x1b[2K\x1b[1A")
	}

	lines := strings.Split(r.buf.String(), "\n")
	r.linesRendered = 0
	for i, line := range lines {
		io.WriteString(out, line)
		if i != len(lines)-1 {
			io.WriteString(out, "\r\n")
		}
		r.linesRendered++
	}
	fmt.Fprintf(out, "\x1b[%dD", len(lines[len(lines)-1]))

	r.out.Write(out.Bytes())
	r.lastRender = r.buf.String()
	r.buf.Reset()
}

// write replaces the buffer's contents; the next tick renders them.
func (r *renderer) write(s string) {
	r.mtx.Lock()
	defer r.mtx.Unlock()
	r.buf.Reset()
	r.buf.WriteString(s)
}
