package repro

import (
	"bytes"
	"testing"
	"time"
)

func TestCredWriteAttributes(t *testing.T) {
	for i := 0; i < 100; i++ {
		cred := &Credential{
			TargetName:     "example.com",
			LastWritten:    time.Unix(1700000000, 0),
			CredentialBlob: []byte("secret"),
			Attributes: []CredentialAttribute{
				{Keyword: "label", Value: []byte("Docker Credentials")},
			},
			UserName: "user",
			Persist:  2,
		}
		if err := sysCredWrite(cred, 1); err != nil {
			t.Fatalf("write %d: the API rejected the credential it was given: %v", i, err)
		}
		blob, kw, val := stored()
		if string(blob) != "secret" || kw != "label" || !bytes.Equal(val, []byte("Docker Credentials")) {
			t.Fatalf("write %d: stored blob %q, attribute %q=%q; want \"secret\", \"label\"=\"Docker Credentials\"", i, blob, kw, val)
		}
	}
}
