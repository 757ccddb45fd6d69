package repro

import (
	"fmt"
	"testing"
)

func TestReverseIterationValues(t *testing.T) {
	b := &blockIter{}
	for i := range 50 {
		b.keys = append(b.keys, InternalKey{UserKey: []byte(fmt.Sprintf("key-%02d", i)), Kind: InternalKeyKindSet})
		b.values = append(b.values, []byte(fmt.Sprintf("value-%02d", i)))
	}
	it := &Iterator{iter: b}
	i := 49
	for ok := it.Last(); ok; ok = it.Prev() {
		if got, want := string(it.Key()), fmt.Sprintf("key-%02d", i); got != want {
			t.Fatalf("key = %q, want %q", got, want)
		}
		if got, want := string(it.Value()), fmt.Sprintf("value-%02d", i); got != want {
			t.Fatalf("value of %s = %q, want %q", it.Key(), got, want)
		}
		i--
	}
	if i != -1 {
		t.Fatalf("stopped at %d", i)
	}
}
