package repro

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
)

var bufPool = &sync.Pool{New: func() interface{} { return &bytes.Buffer{} }}

func acquireBuffer() *bytes.Buffer {
	return bufPool.Get().(*bytes.Buffer)
}

func releaseBuffer(buf *bytes.Buffer) {
	if buf != nil {
		buf.Reset()
		bufPool.Put(buf)
	}
}

// Client sends Requests.
type Client struct {
	httpClient     *http.Client
	jsonEscapeHTML bool
	JSONMarshal    func(v interface{}) ([]byte, error)
}

// Request is one HTTP request with a body to encode.
type Request struct {
	Method         string
	URL            string
	Body           interface{}
	RawRequest     *http.Request
	bodyBuf        *bytes.Buffer
	jsonEscapeHTML bool
}

var noescapeJSONMarshal = func(v interface{}) ([]byte, error) {
	buf := acquireBuffer()
	defer releaseBuffer(buf)
	encoder := json.NewEncoder(buf)
	encoder.SetEscapeHTML(false)
	err := encoder.Encode(v)
	return buf.Bytes(), err
}

// way to disable the HTML escape as opt-in
func jsonMarshal(c *Client, r *Request, d interface{}) ([]byte, error) {
	if !r.jsonEscapeHTML {
		return noescapeJSONMarshal(d)
	} else if !c.jsonEscapeHTML {
		return noescapeJSONMarshal(d)
	}
	return c.JSONMarshal(d)
}

func handleRequestBody(c *Client, r *Request) (err error) {
	var bodyBytes []byte
	r.bodyBuf = nil

	switch b := r.Body.(type) {
	case []byte:
		bodyBytes = b
	case string:
		bodyBytes = []byte(b)
	default:
		bodyBytes, err = jsonMarshal(c, r, r.Body)
		if err != nil {
			return
		}
	}
	if bodyBytes == nil && r.bodyBuf == nil {
		return errors.New("unsupported 'Body' type/value")
	}
	// []byte into Buffer
	if bodyBytes != nil && r.bodyBuf == nil {
		r.bodyBuf = acquireBuffer()
		_, _ = r.bodyBuf.Write(bodyBytes)
	}
	return
}

func (c *Client) execute(req *Request) (*http.Response, error) {
	defer releaseBuffer(req.bodyBuf)
	if err := handleRequestBody(c, req); err != nil {
		return nil, err
	}
	var err error
	if req.RawRequest, err = http.NewRequest(req.Method, req.URL, req.bodyBuf); err != nil {
		return nil, err
	}
	return c.httpClient.Do(req.RawRequest)
}
