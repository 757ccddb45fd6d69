package headervalue

import "unsafe"

// StringFixed makes the view with unsafe.String, which keeps b's array
// alive while the string is.
func StringFixed(b []byte) string {
	return unsafe.String(&b[0], len(b))
}
