package repro

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseMultidocKeepsDocumentBytes(t *testing.T) {
	var docs []string
	for i := range 40 {
		docs = append(docs, fmt.Sprintf("kind: Deployment\nname: app-%02d\nimage: registry.example/app:%s", i, strings.Repeat("x", 200)))
	}
	objs, err := ParseMultidoc([]byte(strings.Join(docs, "\n---\n")), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != len(docs) {
		t.Fatalf("got %d objects, want %d", len(objs), len(docs))
	}
	for i, doc := range docs {
		id := fmt.Sprintf("Deployment:app-%02d", i)
		obj, ok := objs[id]
		if !ok {
			t.Fatalf("missing %s", id)
		}
		if got := string(obj.Bytes()); got != doc {
			t.Fatalf("bytes of %s changed:\n got %.60q\nwant %.60q", id, got, doc)
		}
	}
}
