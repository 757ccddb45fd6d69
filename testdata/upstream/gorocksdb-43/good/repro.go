package repro

// #include <stdlib.h>
// #include <stdint.h>
// #include <string.h>
//
// // A small stand-in for the rocksdb C API: a comparator keeps an opaque
// // state pointer in C memory and hands it back to the compare callback.
// typedef int (*cmp_fn)(void*, const char*, size_t, const char*, size_t);
// typedef struct { void *state; cmp_fn compare; } rocksdb_comparator_t;
// typedef struct { rocksdb_comparator_t *cmp; } rocksdb_options_t;
//
// extern int gorocksdb_comparator_compare(long long idx, char *a, size_t alen, char *b, size_t blen);
//
// static rocksdb_options_t *rocksdb_options_create(void) {
//   return calloc(1, sizeof(rocksdb_options_t));
// }
// static void rocksdb_options_set_comparator(rocksdb_options_t *o, rocksdb_comparator_t *c) {
//   o->cmp = c;
// }
// static rocksdb_comparator_t *gorocksdb_comparator_create(uintptr_t idx) {
//   rocksdb_comparator_t *c = calloc(1, sizeof(rocksdb_comparator_t));
//   c->state = (void*)idx;
//   c->compare = (cmp_fn)(gorocksdb_comparator_compare);
//   return c;
// }
// // What the database does when it orders two keys.
// static int rocksdb_compare_keys(rocksdb_options_t *o, const char *a, const char *b) {
//   return o->cmp->compare(o->cmp->state, a, strlen(a), b, strlen(b));
// }
import "C"

import "unsafe"

// A Comparator orders the keys of a database.
type Comparator interface {
	Compare(a, b []byte) int
	Name() string
}

type Options struct {
	c *C.rocksdb_options_t

	ccmp *C.rocksdb_comparator_t
}

func NewDefaultOptions() *Options {
	return &Options{c: C.rocksdb_options_create()}
}

// Hold references to comparators.
var comperators []Comparator

func registerComperator(cmp Comparator) int {
	comperators = append(comperators, cmp)
	return len(comperators) - 1
}

// SetComparator sets the comparator which defines the order of keys.
func (opts *Options) SetComparator(value Comparator) {
	idx := registerComperator(value)
	opts.ccmp = C.gorocksdb_comparator_create(C.uintptr_t(idx))
	C.rocksdb_options_set_comparator(opts.c, opts.ccmp)
}

func (opts *Options) compareKeys(a, b string) int {
	ca, cb := C.CString(a), C.CString(b)
	defer C.free(unsafe.Pointer(ca))
	defer C.free(unsafe.Pointer(cb))
	return int(C.rocksdb_compare_keys(opts.c, ca, cb))
}

//export gorocksdb_comparator_compare
func gorocksdb_comparator_compare(idx int, cKeyA *C.char, cKeyALen C.size_t, cKeyB *C.char, cKeyBLen C.size_t) C.int {
	keyA := C.GoBytes(unsafe.Pointer(cKeyA), C.int(cKeyALen))
	keyB := C.GoBytes(unsafe.Pointer(cKeyB), C.int(cKeyBLen))
	return C.int(comperators[idx].Compare(keyA, keyB))
}
