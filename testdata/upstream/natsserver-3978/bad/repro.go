package repro

import (
	"crypto/cipher"
	"encoding/binary"
	"errors"
	"io"
	"sync"
	"time"
)

const (
	maxBufReuse            = 2 * 1024
	defaultLargeBlockSize  = 8 * 1024
	defaultMediumBlockSize = 4 * 1024
	defaultSmallBlockSize  = 1 * 1024
)

var blkPoolSmall, blkPoolMedium, blkPoolBig sync.Pool

func getMsgBlockBuf(sz int) (buf []byte) {
	var pb interface{}
	if sz <= defaultSmallBlockSize {
		pb = blkPoolSmall.Get()
	} else if sz <= defaultMediumBlockSize {
		pb = blkPoolMedium.Get()
	} else {
		pb = blkPoolBig.Get()
	}
	if pb != nil {
		buf = *(pb.(*[]byte))
	} else {
		buf = make([]byte, sz)
	}
	return buf[:0]
}

// Recycle the msg block buffer.
func recycleMsgBlockBuf(buf []byte) {
	if buf == nil || cap(buf) < defaultSmallBlockSize {
		return
	}
	buf = buf[:0]
	if sz := cap(buf); sz < defaultMediumBlockSize {
		blkPoolSmall.Put(&buf)
	} else if sz < defaultLargeBlockSize {
		blkPoolMedium.Put(&buf)
	} else {
		blkPoolBig.Put(&buf)
	}
}

type cache struct {
	buf []byte
	off int
	wp  int
}

type msgBlock struct {
	mu    sync.RWMutex
	mfd   io.WriterAt
	bek   cipher.Stream
	cache *cache
	llts  int64
	cexp  time.Duration
	werr  error
}

var errNoPending = errors.New("message block does not have pending data")

// Will write the message record to the block's write cache.
func (mb *msgBlock) writeMsgRecord(seq uint64, msg []byte) {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	if mb.cache == nil {
		mb.cache = &cache{buf: getMsgBlockBuf(defaultSmallBlockSize)}
		mb.llts = time.Now().UnixNano()
	}
	var hdr [8]byte
	binary.LittleEndian.PutUint64(hdr[:], seq)
	mb.cache.buf = append(mb.cache.buf, hdr[:]...)
	mb.cache.buf = append(mb.cache.buf, msg...)
}

// Lock should be held.
func (mb *msgBlock) bytesPending() ([]byte, error) {
	if mb.cache == nil || len(mb.cache.buf) <= mb.cache.wp {
		return nil, errNoPending
	}
	return mb.cache.buf[mb.cache.wp:], nil
}

func (mb *msgBlock) flushPendingMsgs() error {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return mb.flushPendingMsgsLocked()
}

// flushPendingMsgsLocked writes out any messages for this message block.
// Lock should be held.
func (mb *msgBlock) flushPendingMsgsLocked() error {
	buf, err := mb.bytesPending()
	if err != nil {
		if err == errNoPending {
			err = nil
		}
		return err
	}

	woff := int64(mb.cache.off + mb.cache.wp)
	lob := len(buf)

	// Check if we need to encrypt.
	if mb.bek != nil && lob > 0 {
		// Need to leave original alone.
		var dst []byte
		if lob <= defaultLargeBlockSize {
			dst = getMsgBlockBuf(lob)[:lob]
		} else {
			dst = make([]byte, lob)
		}
		mb.bek.XORKeyStream(dst, buf)
		if cap(buf) <= defaultLargeBlockSize {
			recycleMsgBlockBuf(buf)
		}
		buf = dst
	}

	for lbb := lob; lbb > 0; lbb = len(buf) {
		n, err := mb.mfd.WriteAt(buf, woff)
		if err != nil {
			mb.werr = err
			return err
		}
		woff += int64(n)
		if n == lbb {
			break
		}
		buf = buf[n:]
	}
	mb.werr = nil

	// Keep the whole buffer while there is load interest, else empty it.
	if ts := time.Now().UnixNano(); ts < mb.llts || (ts-mb.llts) <= int64(mb.cexp) {
		mb.cache.wp += lob
	} else {
		if cap(mb.cache.buf) <= maxBufReuse {
			buf = mb.cache.buf[:0]
		} else {
			recycleMsgBlockBuf(mb.cache.buf)
			buf = nil
		}
		mb.cache.off = int(woff)
		mb.cache.wp = 0
		mb.cache.buf = buf
	}
	return mb.werr
}
