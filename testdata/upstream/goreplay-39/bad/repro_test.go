package repro

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadLinesKeepsEveryRequest(t *testing.T) {
	var file strings.Builder
	var want []string
	for i := range 100 {
		req := fmt.Sprintf("GET /item/%03d HTTP/1.1\r\nHost: localhost\r\nUser-Agent: test\r\n\r\n\n", i)
		want = append(want, req)
		fmt.Fprintf(&file, "%d\n%s", 1382023587787798594+i, req)
	}
	path := filepath.Join(t.TempDir(), "requests.gor")
	if err := os.WriteFile(path, []byte(file.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	requests, err := readLines(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(requests) != len(want) {
		t.Fatalf("got %d requests, want %d", len(requests), len(want))
	}
	for i, pr := range requests {
		if string(pr.Request) != want[i] {
			t.Fatalf("request %d garbled: %q", i, pr.Request)
		}
	}
}
