package repro

import (
	"syscall"
	"testing"
)

func TestListIPForwardRows(t *testing.T) {
	n := &netIO{}
	rows, err := n.ListIPForwardRows(syscall.AF_INET)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("got %d rows, want 4", len(rows))
	}
	for i, r := range rows {
		if r.Index != uint32(i+1) || r.Metric != uint32(10*(i+1)) || r.NextHop.Family != syscall.AF_INET {
			t.Errorf("row %d = %+v", i, r)
		}
	}
}
