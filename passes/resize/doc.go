// Package resize defines an Analyzer that reports Buffer.Resize calls made
// without the lock, or while a view of the buffer is still held.
//
// # Analyzer resize
//
// resize: report Resize while the lock is released or a view is held
//
// Resize may move or truncate a buffer's memory, so it needs the lock, like
// every other accessor. And while any view of the buffer is held it fails
// with buffer.ErrExported: a view taken in the same function and not yet
// released on some path to the Resize makes that call fail, which is almost
// always a bug.
//
//	v := b.View()
//	p := v.Bytes()
//	err := b.Resize(n) // resize: fails with ErrExported while v is held
//	v.Release()
//
// Fix it by releasing the view before the Resize, or by resizing first.
// Views that escape the function (returned, stored, passed on) are not
// tracked: some other code releases them.
//
// Rules (each finding's category, which //buflint:ignore may name):
//
//   - resize/unlocked: Resize where the lock is released, or released on
//     some path to the call;
//   - resize/exported: Resize while a view taken in the function is held
//     on some path.
package resize
