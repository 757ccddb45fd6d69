package repro

import (
	"bytes"
	"io"
	"sync"
	"time"
)

// EventKey is one decoded key press.
type EventKey struct{ Rune rune }

type tScreen struct {
	in        io.Reader
	evch      chan EventKey
	quit      chan struct{}
	indoneq   chan struct{}
	keychan   chan []byte
	keytimer  *time.Timer
	keyexpire time.Time

	sync.Mutex
}

func NewScreen(in io.Reader) *tScreen {
	t := &tScreen{
		in:       in,
		evch:     make(chan EventKey, 10),
		quit:     make(chan struct{}),
		indoneq:  make(chan struct{}),
		keychan:  make(chan []byte, 10),
		keytimer: time.NewTimer(time.Hour),
	}
	go t.mainLoop()
	go t.inputLoop()
	return t
}

func (t *tScreen) Fini() {
	close(t.quit)
	<-t.indoneq
}

func (t *tScreen) PollEvent() EventKey { return <-t.evch }

// scanInput turns complete input sequences into key events.
func (t *tScreen) scanInput(buf *bytes.Buffer, expire bool) {
	t.Lock()
	defer t.Unlock()
	for buf.Len() > 0 {
		r, _, _ := buf.ReadRune()
		select {
		case t.evch <- EventKey{Rune: r}:
		case <-t.quit:
			return
		}
	}
}

func (t *tScreen) mainLoop() {
	buf := &bytes.Buffer{}
	for {
		select {
		case <-t.quit:
			close(t.indoneq)
			return
		case <-t.keytimer.C:
			if buf.Len() > 0 && time.Now().After(t.keyexpire) {
				t.scanInput(buf, true)
			}
		case chunk := <-t.keychan:
			buf.Write(chunk)
			t.keyexpire = time.Now().Add(time.Millisecond * 50)
			t.scanInput(buf, false)
		}
	}
}

func (t *tScreen) inputLoop() {
	chunk := make([]byte, 128)
	for {
		n, e := t.in.Read(chunk)
		switch e {
		case io.EOF:
		case nil:
		default:
			return
		}
		t.keychan <- chunk[:n]
	}
}
