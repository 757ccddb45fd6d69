package badtest

import "testing"

func TestHalf(t *testing.T) {
	var s string = Half(4)
	if s != "2" {
		t.Fatal(s)
	}
}
