package repro

import (
	"strings"
	"testing"
)

func TestQueuedMetadataSurvivesNextRequest(t *testing.T) {
	h := &InsertHandler{ps: &pendingSeries{}}
	reqs := []string{
		"http_requests_total|Total requests.|requests\n",
		"process_cpu_total__|CPU time spent..|seconds_\n",
		"go_memstats_bytes__|Heap bytes used.|bytes___\n",
	}
	for _, r := range reqs {
		if err := h.Push(strings.NewReader(r)); err != nil {
			t.Fatal(err)
		}
	}
	got := h.ps.Flush()
	if len(got) != len(reqs) {
		t.Fatalf("got %d records, want %d", len(got), len(reqs))
	}
	for i, r := range reqs {
		if want := strings.TrimSuffix(r, "\n"); got[i] != want {
			t.Errorf("record %d = %q, want %q", i, got[i], want)
		}
	}
}
