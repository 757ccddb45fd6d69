package repro

import (
	"image"
	"testing"
)

func TestEncoderRead(t *testing.T) {
	const w, h = 8, 4
	r := func() (image.Image, error) {
		img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
		for i := range img.Y {
			img.Y[i] = 1
		}
		for i := range img.Cb {
			img.Cb[i] = 2
			img.Cr[i] = 3
		}
		return img, nil
	}
	e := newEncoder(r, w, h)
	defer e.Close()
	for i := 0; i < 3; i++ {
		p := make([]byte, 16)
		n, err := e.Read(p)
		if err != nil {
			t.Fatal(err)
		}
		want := []byte{w * h, 2 * (w / 2) * (h / 2), 3 * (w / 2) * (h / 2)}
		if string(p[:n]) != string(want) {
			t.Fatalf("frame %d: got %v, want %v", i, p[:n], want)
		}
	}
}
