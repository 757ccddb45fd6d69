package poolreuse

import "bytes"

// RenderFixed returns a copy made before the Put.
func RenderFixed(s string) []byte {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.Reset()
	b.WriteString(s)
	return bytes.Clone(b.Bytes())
}
