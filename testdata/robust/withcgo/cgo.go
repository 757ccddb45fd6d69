// Package withcgo hands pinned buffer data to C.
package withcgo

/*
#include <stddef.h>
static size_t sum(const unsigned char *p, size_t n) {
	size_t s = 0;
	for (size_t i = 0; i < n; i++) s += p[i];
	return s;
}
*/
import "C"

import (
	"unsafe"

	"github.com/buflint/buflint/buffer"
)

// Sum passes a view's pinned slice to C with the lock released: correct.
func Sum(b *buffer.Buffer) int {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	defer v.Release()
	if len(p) == 0 {
		return 0
	}
	return int(C.sum((*C.uchar)(unsafe.Pointer(&p[0])), C.size_t(len(p))))
}

// SumUnpinned passes an unpinned alias to C after the Unlock.
func SumUnpinned(b *buffer.Buffer) int {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	return int(C.sum((*C.uchar)(unsafe.Pointer(&p[0])), C.size_t(len(p)))) // want "unpinned: p, an unpinned alias from b.Bytes\\(\\), is used after b's lock was released"
}
