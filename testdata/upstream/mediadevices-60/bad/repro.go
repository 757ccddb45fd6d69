package repro

// #include <stdlib.h>
//
// // A small stand-in for libvpx: the image descriptor holds plane
// // pointers, the encoder reads them and writes a digest packet.
// typedef int vpx_codec_err_t;
// #define VPX_CODEC_OK 0
// #define VPX_DL_REALTIME 1
//
// typedef struct {
//   int d_w, d_h;
//   int stride[4];
//   unsigned char *planes[4];
// } vpx_image_t;
//
// typedef struct {
//   unsigned char pkt[8];
//   int sz;
// } vpx_codec_ctx_t;
//
// static vpx_codec_err_t vpx_codec_encode(vpx_codec_ctx_t *codec, vpx_image_t *img,
//     long pts, unsigned long duration, long flags, unsigned long deadline) {
//   unsigned int sum[3] = {0, 0, 0};
//   for (int p = 0; p < 3; p++) {
//     int h = p == 0 ? img->d_h : img->d_h / 2;
//     int w = p == 0 ? img->d_w : img->d_w / 2;
//     for (int y = 0; y < h; y++)
//       for (int x = 0; x < w; x++)
//         sum[p] += img->planes[p][y * img->stride[p] + x];
//   }
//   for (int p = 0; p < 3; p++) codec->pkt[p] = (unsigned char)sum[p];
//   codec->sz = 3;
//   return VPX_CODEC_OK;
// }
//
// static vpx_codec_ctx_t *newCtx() {
//   return malloc(sizeof(vpx_codec_ctx_t));
// }
// static vpx_image_t *newImage() {
//   return malloc(sizeof(vpx_image_t));
// }
import "C"

import (
	"fmt"
	"image"
	"time"
	"unsafe"
)

type encoder struct {
	codec      *C.vpx_codec_ctx_t
	raw        *C.vpx_image_t
	r          func() (image.Image, error)
	frameIndex int
	tStart     int
	tLastFrame int
}

func newEncoder(r func() (image.Image, error), w, h int) *encoder {
	raw := C.newImage()
	raw.d_w = C.int(w)
	raw.d_h = C.int(h)
	t0 := time.Now().Nanosecond() / 1000000
	return &encoder{
		r:          r,
		codec:      C.newCtx(),
		raw:        raw,
		tStart:     t0,
		tLastFrame: t0,
	}
}

func (e *encoder) Read(p []byte) (int, error) {
	img, err := e.r()
	if err != nil {
		return 0, err
	}
	yuvImg := img.(*image.YCbCr)

	e.raw.planes[0] = (*C.uchar)(&yuvImg.Y[0])
	e.raw.planes[1] = (*C.uchar)(&yuvImg.Cb[0])
	e.raw.planes[2] = (*C.uchar)(&yuvImg.Cr[0])
	e.raw.stride[0] = C.int(yuvImg.YStride)
	e.raw.stride[1] = C.int(yuvImg.CStride)
	e.raw.stride[2] = C.int(yuvImg.CStride)

	t := time.Now().Nanosecond() / 1000000

	var flags int
	if ec := C.vpx_codec_encode(
		e.codec, e.raw,
		C.long(t-e.tStart), C.ulong(t-e.tLastFrame), C.long(flags), C.VPX_DL_REALTIME,
	); ec != C.VPX_CODEC_OK {
		return 0, fmt.Errorf("vpx_codec_encode failed (%d)", ec)
	}
	e.frameIndex++
	e.tLastFrame = t

	frame := C.GoBytes(unsafe.Pointer(&e.codec.pkt[0]), e.codec.sz)
	return copy(p, frame), nil
}

func (e *encoder) Close() error {
	C.free(unsafe.Pointer(e.raw))
	C.free(unsafe.Pointer(e.codec))
	return nil
}
