package repro

import (
	"fmt"
	"io"
	"sync"
	"testing"
	"time"
)

func TestWriteWhileRendering(t *testing.T) {
	var mtx sync.Mutex
	r := newRenderer(io.Discard, &mtx)
	r.framerate = 50 * time.Microsecond
	r.start()
	for i := 0; i < 3000; i++ {
		r.write(fmt.Sprintf("frame %d\nspinner %c", i, `|/-\`[i%4]))
		if i%100 == 0 {
			time.Sleep(time.Millisecond)
		}
	}
	r.write("final\nview")
	r.stop()
	<-r.done
	if r.lastRender != "final\nview" {
		t.Fatalf("last render %q, want the final view", r.lastRender)
	}
}
