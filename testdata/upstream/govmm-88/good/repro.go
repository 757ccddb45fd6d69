package repro

import (
	"bufio"
	"encoding/json"
	"io"
)

// QMPEvent is an asynchronous event received from the VM.
type QMPEvent struct {
	Name string
	Data map[string]interface{}
}

type QMPConfig struct {
	EventCh chan<- QMPEvent
}

// QMP talks to a QEMU monitor socket.
type QMP struct {
	conn           io.ReadCloser
	cfg            QMPConfig
	connectedCh    chan<- string
	disconnectedCh chan struct{}
}

func QMPStart(conn io.ReadCloser, cfg QMPConfig, disconnectedCh chan struct{}) (*QMP, string) {
	connectedCh := make(chan string)
	q := &QMP{conn: conn, cfg: cfg, connectedCh: connectedCh, disconnectedCh: disconnectedCh}
	go q.mainLoop()
	return q, <-connectedCh
}

func (q *QMP) readLoop(fromVMCh chan<- []byte) {
	scanner := bufio.NewScanner(q.conn)
	for scanner.Scan() {
		line := scanner.Bytes()

		// scanner.Bytes() points into the scanner's buffer, which the
		// next Scan may overwrite: send the receiver its own copy.
		sendLine := make([]byte, len(line))
		copy(sendLine, line)

		fromVMCh <- sendLine
	}
	close(fromVMCh)
}

func (q *QMP) processQMPInput(line []byte) {
	var vmData map[string]interface{}
	if err := json.Unmarshal(line, &vmData); err != nil {
		return
	}
	if evname, found := vmData["event"]; found {
		name, _ := evname.(string)
		data, _ := vmData["data"].(map[string]interface{})
		q.cfg.EventCh <- QMPEvent{Name: name, Data: data}
	}
}

func (q *QMP) parseVersion(version []byte) string {
	var greeting struct {
		QMP struct {
			Version struct {
				Package string `json:"package"`
			} `json:"version"`
		} `json:"QMP"`
	}
	if err := json.Unmarshal(version, &greeting); err != nil {
		return ""
	}
	return greeting.QMP.Version.Package
}

func (q *QMP) mainLoop() {
	fromVMCh := make(chan []byte)
	go q.readLoop(fromVMCh)

	defer func() {
		close(q.cfg.EventCh)
		q.conn.Close()
		close(q.disconnectedCh)
	}()

	version, ok := <-fromVMCh
	if !ok {
		return
	}
	q.connectedCh <- q.parseVersion(version)

	for line := range fromVMCh {
		q.processQMPInput(line)
	}
}
