package repro

import "bytes"

// InternalKeyKind is the kind of an internal key.
type InternalKeyKind uint8

// Key kinds.
const (
	InternalKeyKindDelete InternalKeyKind = 0
	InternalKeyKindSet    InternalKeyKind = 1
)

// InternalKey is a user key with a kind.
type InternalKey struct {
	UserKey []byte
	Kind    InternalKeyKind
}

type internalIterator interface {
	Last() (*InternalKey, []byte)
	Prev() (*InternalKey, []byte)
}

// blockIter is an internal iterator whose returned value is only valid
// until the next positioning call: values are decoded into valueBuf.
type blockIter struct {
	keys     []InternalKey
	values   [][]byte
	pos      int
	ikey     InternalKey
	valueBuf []byte
}

func (b *blockIter) at() (*InternalKey, []byte) {
	if b.pos < 0 || b.pos >= len(b.keys) {
		return nil, nil
	}
	b.ikey = b.keys[b.pos]
	b.valueBuf = append(b.valueBuf[:0], b.values[b.pos]...)
	return &b.ikey, b.valueBuf
}

func (b *blockIter) Last() (*InternalKey, []byte) { b.pos = len(b.keys) - 1; return b.at() }
func (b *blockIter) Prev() (*InternalKey, []byte) { b.pos--; return b.at() }

// Iterator iterates over the user keys of an internal iterator.
type Iterator struct {
	iter      internalIterator
	key       []byte
	keyBuf    []byte
	value     []byte
	valid     bool
	iterKey   *InternalKey
	iterValue []byte
}

func (i *Iterator) findPrevEntry() bool {
	i.valid = false
	for i.iterKey != nil {
		key := *i.iterKey
		if i.valid && !bytes.Equal(key.UserKey, i.key) {
			return true
		}
		switch key.Kind {
		case InternalKeyKindDelete:
			i.value = nil
			i.valid = false
			i.iterKey, i.iterValue = i.iter.Prev()
		case InternalKeyKindSet:
			i.keyBuf = append(i.keyBuf[:0], key.UserKey...)
			i.key = i.keyBuf
			i.value = i.iterValue
			i.valid = true
			i.iterKey, i.iterValue = i.iter.Prev()
		}
	}
	return i.valid
}

// Last moves to the last user key.
func (i *Iterator) Last() bool {
	i.iterKey, i.iterValue = i.iter.Last()
	return i.findPrevEntry()
}

// Prev moves to the previous user key.
func (i *Iterator) Prev() bool {
	if !i.valid {
		return false
	}
	return i.findPrevEntry()
}

// Key returns the current key.
func (i *Iterator) Key() []byte { return i.key }

// Value returns the current value.
func (i *Iterator) Value() []byte { return i.value }
