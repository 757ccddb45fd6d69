package headervalue

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	if s := StringBug([]byte("abc")); s != "abc" {
		t.Fatal(s)
	}
}

func TestFixed(t *testing.T) {
	if s := StringFixed([]byte("abc")); s != "abc" {
		t.Fatal(s)
	}
}
