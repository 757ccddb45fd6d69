package repro

import (
	"bytes"
	"fmt"
	"testing"
)

func body(job string, n int) []byte {
	var b bytes.Buffer
	for i := range n {
		b.WriteByte(2)
		for _, kv := range [][2]string{{"job", job}, {"instance", fmt.Sprintf("host-%03d", i)}} {
			b.WriteByte(byte(len(kv[0])))
			b.WriteString(kv[0])
			b.WriteByte(byte(len(kv[1])))
			b.WriteString(kv[1])
		}
	}
	return b.Bytes()
}

func TestSeriesLabelsSurviveNextScrape(t *testing.T) {
	sl := &scrapeLoop{}
	if err := sl.scrapeAndReport(bytes.NewReader(body("alpha", 20))); err != nil {
		t.Fatal(err)
	}
	if err := sl.scrapeAndReport(bytes.NewReader(body("omega", 20))); err != nil {
		t.Fatal(err)
	}
	if len(sl.series) != 40 {
		t.Fatalf("got %d series, want 40", len(sl.series))
	}
	for i, ls := range sl.series[:20] {
		if ls[0].Value != "alpha" || ls[1].Value != fmt.Sprintf("host-%03d", i) {
			t.Fatalf("series %d from first scrape changed: %v", i, ls)
		}
	}
}
