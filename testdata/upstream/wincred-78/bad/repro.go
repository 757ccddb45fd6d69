package repro

// #include <stdint.h>
// #include <string.h>
//
// // A stand-in for advapi32's CredWriteW: it reads the CREDENTIALW struct
// // it is given, with its blob and attribute array, and stores a copy.
// typedef struct { uint32_t lo, hi; } FILETIME;
// typedef struct {
//   uint16_t *Keyword; uint32_t Flags; uint32_t ValueSize; uint8_t *Value;
// } CREDENTIAL_ATTRIBUTEW;
// typedef struct {
//   uint32_t Flags, Type; uint16_t *TargetName, *Comment; FILETIME LastWritten;
//   uint32_t CredentialBlobSize; uint8_t *CredentialBlob;
//   uint32_t Persist, AttributeCount; CREDENTIAL_ATTRIBUTEW *Attributes;
//   uint16_t *TargetAlias, *UserName;
// } CREDENTIALW;
//
// static uint8_t stored_blob[64]; static uint32_t stored_blob_size;
// static uint16_t stored_keyword[64];
// static uint8_t stored_value[64]; static uint32_t stored_value_size;
//
// static uintptr_t CredWriteW(uintptr_t credential, uint32_t flags) {
//   CREDENTIALW *c = (CREDENTIALW*)credential;
//   if (c->CredentialBlobSize > sizeof stored_blob) return 0;
//   stored_blob_size = c->CredentialBlobSize;
//   memcpy(stored_blob, c->CredentialBlob, stored_blob_size);
//   stored_value_size = 0;
//   stored_keyword[0] = 0;
//   if (c->AttributeCount > 0) {
//     CREDENTIAL_ATTRIBUTEW *a = &c->Attributes[0];
//     if (a->ValueSize > sizeof stored_value) return 0;
//     int i = 0;
//     for (; i < 63 && a->Keyword[i] != 0; i++) stored_keyword[i] = a->Keyword[i];
//     stored_keyword[i] = 0;
//     stored_value_size = a->ValueSize;
//     memcpy(stored_value, a->Value, stored_value_size);
//   }
//   return 1;
// }
// static uint16_t *storedKeyword(void) { return stored_keyword; }
// static uint8_t *storedBlob(uint32_t *n) { *n = stored_blob_size; return stored_blob; }
// static uint8_t *storedValue(uint32_t *n) { *n = stored_value_size; return stored_value; }
import "C"

import (
	"errors"
	"time"
	"unicode/utf16"
	"unsafe"
)

type CredentialAttribute struct {
	Keyword string
	Value   []byte
}

type Credential struct {
	TargetName     string
	Comment        string
	LastWritten    time.Time
	CredentialBlob []byte
	Attributes     []CredentialAttribute
	TargetAlias    string
	UserName       string
	Persist        uint32
}

type Filetime struct {
	LowDateTime  uint32
	HighDateTime uint32
}

type sysCREDENTIAL struct {
	Flags              uint32
	Type               uint32
	TargetName         *uint16
	Comment            *uint16
	LastWritten        Filetime
	CredentialBlobSize uint32
	CredentialBlob     uintptr
	Persist            uint32
	AttributeCount     uint32
	Attributes         uintptr
	TargetAlias        *uint16
	UserName           *uint16
}

type sysCREDENTIAL_ATTRIBUTE struct {
	Keyword   *uint16
	Flags     uint32
	ValueSize uint32
	Value     uintptr
}

func utf16PtrFromString(s string) (*uint16, error) {
	a := utf16.Encode([]rune(s + "\x00"))
	return &a[0], nil
}

func nsecToFiletime(nsec int64) Filetime {
	nsec = nsec/100 + 116444736000000000
	return Filetime{LowDateTime: uint32(nsec), HighDateTime: uint32(nsec >> 32)}
}

// Convert the given Credential object to a CREDENTIAL struct for the API.
func sysFromCredential(cred *Credential) (result *sysCREDENTIAL) {
	if cred == nil {
		return nil
	}
	result = new(sysCREDENTIAL)
	result.TargetName, _ = utf16PtrFromString(cred.TargetName)
	result.Comment, _ = utf16PtrFromString(cred.Comment)
	result.LastWritten = nsecToFiletime(cred.LastWritten.UnixNano())
	result.CredentialBlobSize = uint32(len(cred.CredentialBlob))
	if len(cred.CredentialBlob) > 0 {
		result.CredentialBlob = uintptr(unsafe.Pointer(&cred.CredentialBlob[0]))
	} else {
		result.CredentialBlob = 0
	}
	result.Persist = cred.Persist
	result.AttributeCount = uint32(len(cred.Attributes))
	attributes := make([]sysCREDENTIAL_ATTRIBUTE, len(cred.Attributes))
	if len(attributes) > 0 {
		result.Attributes = uintptr(unsafe.Pointer(&attributes[0]))
	} else {
		result.Attributes = 0
	}
	for i := range cred.Attributes {
		inAttr := &cred.Attributes[i]
		outAttr := &attributes[i]
		outAttr.Keyword, _ = utf16PtrFromString(inAttr.Keyword)
		outAttr.Flags = 0
		outAttr.ValueSize = uint32(len(inAttr.Value))
		if len(inAttr.Value) > 0 {
			outAttr.Value = uintptr(unsafe.Pointer(&inAttr.Value[0]))
		} else {
			outAttr.Value = 0
		}
	}
	result.TargetAlias, _ = utf16PtrFromString(cred.TargetAlias)
	result.UserName, _ = utf16PtrFromString(cred.UserName)
	return
}

func sysCredWrite(cred *Credential, typ uint32) error {
	ncred := sysFromCredential(cred)
	ncred.Type = typ
	ret := C.CredWriteW(C.uintptr_t(uintptr(unsafe.Pointer(ncred))), 0)
	if ret == 0 {
		return errors.New("CredWriteW failed")
	}
	return nil
}

// stored returns what the last CredWriteW call saw.
func stored() (blob []byte, keyword string, value []byte) {
	var n C.uint32_t
	blob = C.GoBytes(unsafe.Pointer(C.storedBlob(&n)), C.int(n))
	value = C.GoBytes(unsafe.Pointer(C.storedValue(&n)), C.int(n))
	kw := unsafe.Slice((*uint16)(unsafe.Pointer(C.storedKeyword())), 64)
	for i, c := range kw {
		if c == 0 {
			kw = kw[:i]
			break
		}
	}
	return blob, string(utf16.Decode(kw)), value
}
