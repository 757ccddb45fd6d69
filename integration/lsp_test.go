package integration

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/buflint/buflint/internal/bufltest"
)

// efmVersion is the efm-langserver the test installs from the module proxy.
const efmVersion = "github.com/mattn/efm-langserver@v0.0.57"

// efmConfig runs buflint over the module on open and save. Related
// information lines (whose message starts with a tab) are not diagnostics.
const efmConfig = `version: 2
root-markers: [go.mod]
languages:
  go:
    - lint-command: 'buflint ./...'
      lint-workspace: true
      lint-after-open: true
      lint-on-save: true
      lint-source: buflint
      lint-severity: 2
      lint-formats:
        - "%-G%f:%l:%c: \t%m"
        - '%f:%l:%c: %m'
`

// TestLanguageServer proves the editor path end to end: a real generic
// language server, configured to run buflint, answers didOpen and didSave of
// a buggy file with publishDiagnostics carrying buflint's finding at the
// right range.
func TestLanguageServer(t *testing.T) {
	tools := t.TempDir()
	install := exec.Command("go", "install", efmVersion)
	install.Env = append(os.Environ(), "GOBIN="+tools)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install %s: %v\n%s", efmVersion, err, out)
	}
	bin := filepath.Dir(bufltest.BuildBuflint(t))
	dir := userModule(t, buggyGo)
	cfg := filepath.Join(t.TempDir(), "efm.yaml")
	write(t, cfg, efmConfig)

	cmd := exec.Command(filepath.Join(tools, "efm-langserver"), "-c", cfg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() }()

	c := &lspClient{w: stdin, r: bufio.NewReader(stdout)}
	msgs := make(chan map[string]any, 64)
	go c.readLoop(msgs)

	file := filepath.Join(dir, "demo.go")
	uri := "file://" + filepath.ToSlash(file)
	c.send(t, 1, "initialize", map[string]any{"processId": os.Getpid(), "rootUri": "file://" + filepath.ToSlash(dir), "capabilities": map[string]any{}})
	waitFor(t, msgs, func(m map[string]any) bool { return m["id"] == float64(1) })
	c.send(t, 0, "initialized", map[string]any{})
	c.send(t, 0, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "go", "version": 1, "text": buggyGo}})
	c.send(t, 0, "textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})

	diag := waitFor(t, msgs, func(m map[string]any) bool {
		if m["method"] != "textDocument/publishDiagnostics" {
			return false
		}
		p := m["params"].(map[string]any)
		ds, _ := p["diagnostics"].([]any)
		return p["uri"] == uri && len(ds) > 0
	})
	ds := diag["params"].(map[string]any)["diagnostics"].([]any)
	if len(ds) != 1 {
		t.Fatalf("want 1 diagnostic (related lines must not become diagnostics), got %d: %v", len(ds), ds)
	}
	d := ds[0].(map[string]any)
	msg, _ := d["message"].(string)
	if !strings.HasPrefix(msg, "unguarded: Buffer.Len called while b is unlocked (released at line 7)") {
		t.Errorf("diagnostic message %q", msg)
	}
	if d["source"] != "buflint" {
		t.Errorf("diagnostic source %v, want buflint", d["source"])
	}
	// "return b.Len()" is on line 8; buflint reports the call's '(' at column 14.
	start := d["range"].(map[string]any)["start"].(map[string]any)
	if start["line"] != float64(7) || start["character"] != float64(13) {
		t.Errorf("diagnostic starts at %v, want line 7 character 13 (0-based)", start)
	}
}

type lspClient struct {
	w io.Writer
	r *bufio.Reader
}

// send writes a request (id > 0) or a notification (id 0).
func (c *lspClient) send(t *testing.T, id int, method string, params any) {
	t.Helper()
	msg := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
	if id > 0 {
		msg["id"] = id
	}
	body, _ := json.Marshal(msg)
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		t.Fatal(err)
	}
}

func (c *lspClient) readLoop(out chan<- map[string]any) {
	defer close(out)
	for {
		n := 0
		for {
			line, err := c.r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				n, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(c.r, body); err != nil {
			return
		}
		var m map[string]any
		if json.Unmarshal(body, &m) == nil {
			out <- m
		}
	}
}

func waitFor(t *testing.T, msgs <-chan map[string]any, ok func(map[string]any) bool) map[string]any {
	t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case m, open := <-msgs:
			if !open {
				t.Fatal("the language server closed its output")
			}
			if ok(m) {
				return m
			}
		case <-timeout:
			t.Fatal("no matching message from the language server within 2 minutes")
		}
	}
}
