package buffer_test

import (
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/buflint/buflint/buffer"
)

// The canonical use: read what you need under the lock, pin the contents
// with a view, drop the lock for the slow part, then release the view.
func Example() {
	b := buffer.New(0)
	b.Lock()
	_ = b.Resize(5)
	copy(b.Bytes(), "hello")
	b.Unlock()

	b.Lock()
	v := b.View()
	p := v.Bytes() // pinned until v.Release()
	n := v.Len()
	b.Unlock()

	sum := sha256.Sum256(p) // no lock held: only the pinned slice is used

	// Meanwhile a resize is refused: the view still pins the memory.
	b.Lock()
	err := b.Resize(0)
	b.Unlock()

	v.Release()
	fmt.Printf("%d bytes, sha256 %x...\n", n, sum[:4])
	fmt.Println("resize while viewed:", errors.Is(err, buffer.ErrExported))
	fmt.Println("exports after release:", b.Exports())
	// Output:
	// 5 bytes, sha256 2cf24dba...
	// resize while viewed: true
	// exports after release: 0
}
