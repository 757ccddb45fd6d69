package varlib2_test

import "varuser2"

var flush = varuser2.Flush
