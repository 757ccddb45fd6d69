package repro

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
)

// THttpClient is a thrift transport that POSTs each flushed message.
type THttpClient struct {
	// the most recent response, if any
	responseBuffer *bytes.Buffer
	url            *url.URL
	requestBuffer  *bytes.Buffer
	header         http.Header
	httpClient     *http.Client
}

var bufPool = sync.Pool{
	New: func() interface{} {
		return bytes.NewBuffer(make([]byte, 0, 1024))
	},
}

func getBuffer() *bytes.Buffer {
	return bufPool.Get().(*bytes.Buffer)
}

// NewTHttpPostClient returns a transport that sends through httpClient.
func NewTHttpPostClient(urlstr string, httpClient *http.Client) (*THttpClient, error) {
	parsedURL, err := url.Parse(urlstr)
	if err != nil {
		return nil, err
	}
	return &THttpClient{
		url:           parsedURL,
		requestBuffer: getBuffer(),
		header:        http.Header{},
		httpClient:    httpClient,
	}, nil
}

func (p *THttpClient) Write(buf []byte) (int, error) {
	return p.requestBuffer.Write(buf)
}

func (p *THttpClient) Read(buf []byte) (int, error) {
	if p.responseBuffer == nil {
		return 0, errors.New("response buffer is empty, no request")
	}
	return p.responseBuffer.Read(buf)
}

// bufferCloser makes a bytes.Buffer into an io.Closer and returns unused
// buffers to the pool.
type bufferCloser struct {
	*bytes.Buffer
}

// The transport calls Close when it is done with the request body; that
// resets the buffer and hands it back to the pool.
func (b *bufferCloser) Close() error {
	b.Reset()
	bufPool.Put(b.Buffer)
	return nil
}

func (p *THttpClient) Flush() error {
	req, err := http.NewRequest("POST", p.url.String(), &bufferCloser{p.requestBuffer})
	if err != nil {
		return err
	}
	// Reset the request/response state
	p.requestBuffer = getBuffer()
	p.responseBuffer = nil
	req.Header = p.header
	p.header = make(http.Header, len(req.Header))
	for k, v := range req.Header {
		p.header[k] = v
	}
	req.Header.Set("Content-Type", "application/x-thrift")
	response, err := p.httpClient.Do(req)
	if response != nil && response.Body != nil {
		defer response.Body.Close()
	}
	if err != nil {
		return err
	}
	if response.StatusCode != http.StatusOK {
		return errors.New("HTTP Response code: " + strconv.Itoa(response.StatusCode))
	}
	bs, err := io.ReadAll(response.Body)
	if err != nil {
		return err
	}
	p.responseBuffer = bytes.NewBuffer(bs)
	return nil
}
