package varlib_test

import "varuser"

var flush = varuser.Flush
