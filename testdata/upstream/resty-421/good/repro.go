package repro

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
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

var noescapeJSONMarshal = func(v interface{}) (*bytes.Buffer, error) {
	buf := acquireBuffer()
	encoder := json.NewEncoder(buf)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(v); err != nil {
		releaseBuffer(buf)
		return nil, err
	}
	return buf, nil
}

// way to disable the HTML escape as opt-in
func jsonMarshal(c *Client, r *Request, d interface{}) (*bytes.Buffer, error) {
	if !r.jsonEscapeHTML || !c.jsonEscapeHTML {
		return noescapeJSONMarshal(d)
	}
	data, err := c.JSONMarshal(d)
	if err != nil {
		return nil, err
	}
	buf := acquireBuffer()
	_, _ = buf.Write(data)
	return buf, nil
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
		r.bodyBuf, err = jsonMarshal(c, r, r.Body)
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
	if err := handleRequestBody(c, req); err != nil {
		return nil, err
	}
	var err error
	if req.RawRequest, err = http.NewRequest(req.Method, req.URL, req.bodyBuf); err != nil {
		return nil, err
	}
	req.RawRequest.Body = newRequestBodyReleaser(req.RawRequest.Body, req.bodyBuf)
	return c.httpClient.Do(req.RawRequest)
}

// requestBodyReleaser gives the request body buffer back to the pool only
// when the transport closes the body, which may happen after Do returns.
type requestBodyReleaser struct {
	releaseOnce sync.Once
	reqBuf      *bytes.Buffer
	io.ReadCloser
}

func newRequestBodyReleaser(respBody io.ReadCloser, reqBuf *bytes.Buffer) io.ReadCloser {
	if reqBuf == nil {
		return respBody
	}
	return &requestBodyReleaser{reqBuf: reqBuf, ReadCloser: respBody}
}

func (rr *requestBodyReleaser) Close() error {
	err := rr.ReadCloser.Close()
	rr.releaseOnce.Do(func() {
		releaseBuffer(rr.reqBuf)
	})
	return err
}
