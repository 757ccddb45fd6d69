package repro

// #include <stdint.h>
// #include <stdlib.h>
// #include <string.h>
//
// // A small stand-in for sqlite3's user-defined functions: the database
// // keeps the application pointer (pApp) in C memory and passes it back
// // to the function through sqlite3_user_data.
// typedef struct { uintptr_t pApp; long long arg; long long result; } sqlite3_context;
// typedef void (*xfunc_t)(sqlite3_context*);
// typedef struct { char name[32]; uintptr_t pApp; xfunc_t xFunc; } func_entry;
// typedef struct { func_entry funcs[8]; int n; } sqlite3;
//
// extern void callbackTrampoline(sqlite3_context*);
//
// static sqlite3 *sqlite3_open_mem(void) { return calloc(1, sizeof(sqlite3)); }
// static void *sqlite3_user_data(sqlite3_context *ctx) { return (void*)ctx->pApp; }
// static int _sqlite3_create_function(sqlite3 *db, const char *name, int nArg,
//     int eTextRep, uintptr_t pApp, xfunc_t xFunc) {
//   if (db->n == 8) return 1;
//   func_entry *f = &db->funcs[db->n++];
//   strncpy(f->name, name, sizeof(f->name) - 1);
//   f->pApp = pApp;
//   f->xFunc = xFunc;
//   return 0;
// }
// // What the database does when a statement calls name(arg).
// static int sqlite3_call_function(sqlite3 *db, const char *name, long long arg, long long *out) {
//   for (int i = 0; i < db->n; i++) {
//     if (strcmp(db->funcs[i].name, name) == 0) {
//       sqlite3_context ctx = { db->funcs[i].pApp, arg, 0 };
//       db->funcs[i].xFunc(&ctx);
//       *out = ctx.result;
//       return 0;
//     }
//   }
//   return 1;
// }
import "C"

import (
	"errors"
	"reflect"
	"sync"
	"unsafe"
)

type SQLiteConn struct {
	db *C.sqlite3
}

func Open() *SQLiteConn { return &SQLiteConn{db: C.sqlite3_open_mem()} }

type callbackArgConverter func(int64) reflect.Value

type functionInfo struct {
	f             reflect.Value
	argConverters []callbackArgConverter
}

func (fi *functionInfo) Call(ctx *C.sqlite3_context) {
	var args []reflect.Value
	for _, conv := range fi.argConverters {
		args = append(args, conv(int64(ctx.arg)))
	}
	ret := fi.f.Call(args)
	ctx.result = C.longlong(ret[0].Int())
}

//export callbackTrampoline
func callbackTrampoline(ctx *C.sqlite3_context) {
	fi := lookupHandle(uintptr(C.sqlite3_user_data(ctx))).(*functionInfo)
	fi.Call(ctx)
}

// Use handles to avoid passing Go pointers to C.

type handleVal struct {
	db  *SQLiteConn
	val interface{}
}

var handleLock sync.Mutex
var handleVals = make(map[uintptr]handleVal)
var handleIndex uintptr = 100

func newHandle(db *SQLiteConn, v interface{}) uintptr {
	handleLock.Lock()
	defer handleLock.Unlock()
	i := handleIndex
	handleIndex++
	handleVals[i] = handleVal{db, v}
	return i
}

func lookupHandle(handle uintptr) interface{} {
	handleLock.Lock()
	defer handleLock.Unlock()
	r, ok := handleVals[handle]
	if !ok {
		if handle >= 100 && handle < handleIndex {
			panic("deleted handle")
		}
		panic("invalid handle")
	}
	return r.val
}

// RegisterFunc makes a Go function with int64 arguments and an int64
// result callable from SQL under name.
func (c *SQLiteConn) RegisterFunc(name string, impl interface{}) error {
	var fi functionInfo
	fi.f = reflect.ValueOf(impl)
	t := fi.f.Type()
	if t.Kind() != reflect.Func || t.NumOut() != 1 {
		return errors.New("non-function passed to RegisterFunc")
	}
	for i := 0; i < t.NumIn(); i++ {
		typ := t.In(i)
		fi.argConverters = append(fi.argConverters, func(v int64) reflect.Value {
			return reflect.ValueOf(v).Convert(typ)
		})
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	rv := C._sqlite3_create_function(c.db, cname, C.int(t.NumIn()), 1, C.uintptr_t(newHandle(c, &fi)), (*[0]byte)(unsafe.Pointer(C.callbackTrampoline)))
	if rv != 0 {
		return errors.New("sqlite3_create_function failed")
	}
	return nil
}

// Call runs the SQL function name on arg.
func (c *SQLiteConn) Call(name string, arg int64) (int64, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var out C.longlong
	if C.sqlite3_call_function(c.db, cname, C.longlong(arg), &out) != 0 {
		return 0, errors.New("no such function")
	}
	return int64(out), nil
}
