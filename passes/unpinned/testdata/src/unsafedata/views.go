package unsafedata

import (
	"bytes"
	"sync"
	"unsafe"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// viewAfterReset reads a string view of b's storage after the Reset.
func viewAfterReset(b *bytes.Buffer) string {
	s := unsafe.String(unsafe.SliceData(b.Bytes()), b.Len())
	b.Reset()
	b.WriteString("next")
	return s // want `unpinned: s, from b.Bytes\(\), is returned after b.Reset at line 14, which may overwrite or recycle its storage`
}

// viewCopied reads a copy.
func viewCopied(b *bytes.Buffer) string {
	s := string(b.Bytes())
	b.Reset()
	return s
}

// viewPooled returns a string view past the deferred Put.
func viewPooled(data []byte) string {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.Reset()
	b.Write(data)
	return unsafe.String(&b.Bytes()[0], b.Len()) // want `unpinned: the slice from b.Bytes\(\) is returned after the Put of b back into its pool`
}

// viewPooledClone clones the view before the Put.
func viewPooledClone(data []byte) string {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.Reset()
	b.Write(data)
	return string(b.Bytes())
}
