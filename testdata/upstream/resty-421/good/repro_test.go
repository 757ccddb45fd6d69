package repro

import (
	"bytes"
	"io"
	"net/http"
	"testing"
)

func asBytes(v interface{}) []byte {
	switch b := v.(type) {
	case []byte:
		return b
	case *bytes.Buffer:
		return b.Bytes()
	}
	panic("unexpected marshal result")
}

type order struct {
	ID    int    `json:"id"`
	Items string `json:"items"`
}

// The encoded body of one request must stay intact while the next one is
// encoded (by this goroutine or any other using the same buffer pool).
func TestMarshalledBodyKept(t *testing.T) {
	for i := 0; i < 20; i++ {
		first, err := noescapeJSONMarshal(order{ID: 1, Items: "<a&b>"})
		if err != nil {
			t.Fatal(err)
		}
		want := []byte("{\"id\":1,\"items\":\"<a&b>\"}\n")
		if _, err := noescapeJSONMarshal(order{ID: 22222, Items: "something else entirely"}); err != nil {
			t.Fatal(err)
		}
		if got := asBytes(first); !bytes.Equal(got, want) {
			t.Fatalf("iteration %d: first body is %q, want %q", i, got, want)
		}
	}
}

type echoTransport struct{ got [][]byte }

func (e *echoTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	b, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	e.got = append(e.got, b)
	return &http.Response{StatusCode: 200, Body: http.NoBody, Request: req}, nil
}

func TestExecuteSendsBody(t *testing.T) {
	tr := &echoTransport{}
	c := &Client{httpClient: &http.Client{Transport: tr}}
	for i := 0; i < 10; i++ {
		if _, err := c.execute(&Request{Method: "POST", URL: "http://127.0.0.1/orders", Body: order{ID: i, Items: "x"}}); err != nil {
			t.Fatal(err)
		}
	}
	for i, b := range tr.got {
		if !bytes.Contains(b, []byte("\"items\":\"x\"")) {
			t.Fatalf("request %d sent %q", i, b)
		}
	}
}
