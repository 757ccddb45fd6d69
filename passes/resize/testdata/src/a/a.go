package a

import "github.com/buflint/buflint/buffer"

// Case 3: Resize while exported.
func whileExported(b *buffer.Buffer, n int) error {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	_ = v.Bytes()
	err := b.Resize(n) // want `resize: b.Resize while the view v taken at line 9 is still held: it fails with buffer.ErrExported; call v.Release\(\) before resizing`
	v.Release()
	return err
}

func afterRelease(b *buffer.Buffer, n int) error {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	_ = v.Bytes()
	v.Release()
	return b.Resize(n)
}

func releasedOnOneBranch(b *buffer.Buffer, n int, done bool) error {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	if done {
		v.Release()
	}
	return b.Resize(n) // want `resize: b.Resize while the view v taken at line 28 is still held on some path`
}

// A view of another buffer does not block this one.
func otherBuffer(b, c *buffer.Buffer, n int) error {
	c.Lock()
	v := c.View()
	c.Unlock()
	defer v.Release()
	b.Lock()
	defer b.Unlock()
	return b.Resize(n)
}

// A deferred Release runs at return: the view is still held at the Resize.
func deferredRelease(b *buffer.Buffer, n int) error {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	defer v.Release()
	return b.Resize(n) // want `resize: b.Resize while the view v taken at line 50 is still held`
}

// A view that escapes is released elsewhere: not tracked.
func escapes(b *buffer.Buffer, n int, out chan<- *buffer.View) error {
	b.Lock()
	defer b.Unlock()
	out <- b.View()
	return b.Resize(n)
}

// Case 4: Resize inside the released region.
func released(b *buffer.Buffer) error {
	b.Lock()
	b.Unlock()
	return b.Resize(0) // want `resize: b.Resize called while b is unlocked \(released at line 66\); resize only while holding b's lock`
}

func inLoop(b *buffer.Buffer, sizes []int) error {
	b.Lock()
	defer b.Unlock()
	for _, n := range sizes {
		if err := b.Resize(n); err != nil {
			return err
		}
		v := b.View()
		v.Release()
	}
	return nil
}

func inLoopHeld(b *buffer.Buffer, sizes []int) {
	b.Lock()
	defer b.Unlock()
	var keep []*buffer.View
	for _, n := range sizes {
		v := b.View()
		keep = append(keep, v)
		_ = b.Resize(n) // v escaped into keep: not tracked
	}
	for _, v := range keep {
		v.Release()
	}
}

func inGoroutine(b *buffer.Buffer) {
	go func() {
		_ = b.Resize(1) // want `resize: b.Resize called while the goroutine started at line 98 does not hold b's lock`
	}()
	go func() {
		b.Lock()
		defer b.Unlock()
		_ = b.Resize(1)
	}()
}
