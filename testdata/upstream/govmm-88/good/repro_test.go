package repro

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestEventsFromMonitor(t *testing.T) {
	var vm strings.Builder
	vm.WriteString(`{"QMP": {"version": {"package": "qemu-test"}, "capabilities": []}}` + "\n")
	const events = 2000
	for i := 0; i < events; i++ {
		fmt.Fprintf(&vm, `{"event": "EV%04d", "data": {"id": "dev%04d"}, "timestamp": {"seconds": %d}}`+"\n", i, i, i)
	}
	eventCh := make(chan QMPEvent)
	disconnected := make(chan struct{})
	_, version := QMPStart(io.NopCloser(strings.NewReader(vm.String())), QMPConfig{EventCh: eventCh}, disconnected)
	if version != "qemu-test" {
		t.Errorf("version = %q", version)
	}
	i := 0
	for ev := range eventCh {
		if want := fmt.Sprintf("EV%04d", i); ev.Name != want {
			t.Fatalf("event %d: got %q, want %q", i, ev.Name, want)
		}
		i++
	}
	<-disconnected
	if i != events {
		t.Fatalf("got %d events, want %d", i, events)
	}
}
