package ordinary

import (
	"bytes"
	"io"
	"sync"
	"unsafe"
)

// pump sends a slice of its scratch buffer, then reads into it again: the
// receiver may see the next read's bytes.
func pump(r io.Reader, ch chan<- []byte) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf) // want `unpinned: Read writes into buf while the slice of it handed off at line 19 may still be in use`
		if err != nil {
			return
		}
		ch <- buf[:n]
	}
}

// pumpFixed gives each hand-off its own buffer.
func pumpFixed(r io.Reader, ch chan<- []byte) {
	for {
		buf := make([]byte, 512)
		n, err := r.Read(buf)
		if err != nil {
			return
		}
		ch <- buf[:n]
	}
}

// pumpAck waits for the receiver before reusing the buffer.
func pumpAck(r io.Reader, ch chan<- []byte, ack <-chan struct{}) {
	buf := make([]byte, 512)
	for {
		n, err := io.ReadFull(r, buf)
		if err != nil {
			return
		}
		ch <- buf[:n]
		<-ack
	}
}

// A goroutine handed a buffer's bytes, then the buffer is reset.
func background(b *bytes.Buffer, w io.Writer) {
	p := b.Bytes()
	go w.Write(p)
	b.Reset() // want `unpinned: b.Reset writes into b while the slice of it handed off at line 51 may still be in use`
}

func backgroundJoined(b *bytes.Buffer, w io.Writer) {
	p := b.Bytes()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.Write(p)
	}()
	wg.Wait()
	b.Reset()
}

// A pooled buffer put back while a goroutine still uses it.
func putWhileShared(w io.Writer) {
	b := pool.Get().(*bytes.Buffer)
	go w.Write(b.Bytes())
	pool.Put(b) // want `unpinned: b is put back into its pool while the slice of it handed off at line 70 may still be in use`
}

// A uintptr kept as a number, never turned back into a pointer, refers to
// nothing (a runtime test keeps one to check that it does not keep an
// object alive).
type addr struct{ p uintptr }

func keepNumber(x *[64]byte, log func(addr)) {
	xp := uintptr(unsafe.Pointer(&x[3]))
	log(addr{})
	log(addr{xp})
}
