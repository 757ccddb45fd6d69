package bufmodel

// This file holds the model's rows for the standard library: its
// buffers as guarded data, sync.Pool, the calls that join goroutines, and
// the functions that never return.

// Data: methods that only read need the guard in either mode; methods that
// change the contents or the read offset need it exclusively, and reuse the
// storage: the slices earlier calls returned are stale ("valid only until
// the next buffer modification"). Alias producers return such a slice.
var (
	appends   = Effects{Effect: Require | Append, On: OnData}
	consumes  = Effects{Effect: Require | Consume, On: OnData}
	reads     = Effects{Effect: Require, Mode: Shared, On: OnData}
	writes    = Effects{Effect: Require | Reuse, On: OnData}
	aliases   = Effects{Effect: Require | Produce, Mode: Shared, Pin: PinData, On: OnData}
	readSlice = Effects{Effect: Require | Reuse | Produce, Pin: PinData, On: OnData}   // reads, and returns a slice of the buffer
	peekSlice = Effects{Effect: Require | Produce, Pin: PinData, On: OnData}           // bufio.Reader.Peek
	nextSlice = Effects{Effect: Require | Consume | Produce, Pin: PinData, On: OnData} // bytes.Buffer.Next
)

// dataRows model the standard library's buffers, as guarded data.
var dataRows = []Row{
	{"bytes", "Buffer", "Available", reads},
	{"bytes", "Buffer", "AvailableBuffer", aliases},
	{"bytes", "Buffer", "Bytes", aliases},
	{"bytes", "Buffer", "Cap", reads},
	{"bytes", "Buffer", "Len", reads},
	{"bytes", "Buffer", "Peek", aliases},
	{"bytes", "Buffer", "String", reads},
	{"bytes", "Buffer", "Grow", appends},
	{"bytes", "Buffer", "Next", nextSlice},
	{"bytes", "Buffer", "Read", consumes},
	{"bytes", "Buffer", "ReadByte", consumes},
	{"bytes", "Buffer", "ReadBytes", consumes},
	{"bytes", "Buffer", "ReadFrom", appends},
	{"bytes", "Buffer", "ReadRune", consumes},
	{"bytes", "Buffer", "ReadString", consumes},
	{"bytes", "Buffer", "Reset", writes},
	{"bytes", "Buffer", "Truncate", writes},
	{"bytes", "Buffer", "UnreadByte", consumes},
	{"bytes", "Buffer", "UnreadRune", consumes},
	{"bytes", "Buffer", "Write", appends},
	{"bytes", "Buffer", "WriteByte", appends},
	{"bytes", "Buffer", "WriteRune", appends},
	{"bytes", "Buffer", "WriteString", appends},
	{"bytes", "Buffer", "WriteTo", consumes},

	{"strings", "Builder", "Cap", reads},
	{"strings", "Builder", "Len", reads},
	{"strings", "Builder", "String", reads},
	{"strings", "Builder", "Grow", writes},
	{"strings", "Builder", "Reset", writes},
	{"strings", "Builder", "Write", writes},
	{"strings", "Builder", "WriteByte", writes},
	{"strings", "Builder", "WriteRune", writes},
	{"strings", "Builder", "WriteString", writes},

	{"bufio", "Reader", "Buffered", reads},
	{"bufio", "Reader", "Size", reads},
	// Discard of bytes already buffered (after a Peek of them, the
	// zero-copy idiom) only moves the read offset: the peeked slice stays
	// valid until the next read. Discarding past them refills the buffer,
	// which this row does not tell apart.
	{"bufio", "Reader", "Discard", consumes},
	// Peek fills the buffer only when asked for more than is buffered, and
	// code that peeks ahead checks Buffered first (net/textproto): it is
	// taken to leave earlier slices valid. It may still fill, so it needs
	// the guard exclusively.
	{"bufio", "Reader", "Peek", peekSlice},
	{"bufio", "Reader", "Read", writes},
	{"bufio", "Reader", "ReadByte", writes},
	{"bufio", "Reader", "ReadBytes", writes},
	{"bufio", "Reader", "ReadLine", readSlice},
	{"bufio", "Reader", "ReadRune", writes},
	{"bufio", "Reader", "ReadSlice", readSlice},
	{"bufio", "Reader", "ReadString", writes},
	{"bufio", "Reader", "Reset", writes},
	{"bufio", "Reader", "UnreadByte", writes},
	{"bufio", "Reader", "UnreadRune", writes},
	{"bufio", "Reader", "WriteTo", writes},

	{"bufio", "Writer", "Available", reads},
	{"bufio", "Writer", "AvailableBuffer", aliases},
	{"bufio", "Writer", "Buffered", reads},
	{"bufio", "Writer", "Size", reads},
	{"bufio", "Writer", "Flush", writes},
	{"bufio", "Writer", "ReadFrom", writes},
	{"bufio", "Writer", "Reset", writes},
	{"bufio", "Writer", "Write", writes},
	{"bufio", "Writer", "WriteByte", writes},
	{"bufio", "Writer", "WriteRune", writes},
	{"bufio", "Writer", "WriteString", writes},

	{"bufio", "Scanner", "Bytes", aliases},
	{"bufio", "Scanner", "Err", reads},
	{"bufio", "Scanner", "Text", reads},
	{"bufio", "Scanner", "Buffer", writes},
	{"bufio", "Scanner", "Scan", writes},
	{"bufio", "Scanner", "Split", writes},
}

// poolRows: a pooled buffer is the pool's again once it is Put back.
var poolRows = []Row{
	{"sync", "Pool", "Get", Effects{Effect: Produce, Pin: PinSelf, On: OnNone}},
	{"sync", "Pool", "Put", Effects{Effect: Reuse, On: OnArg}},
}

// joinRows: a goroutine started earlier may be taken to have finished.
var joinRows = []Row{
	{"sync", "WaitGroup", "Wait", Effects{Effect: Join}},
	{"sync", "Cond", "Wait", Effects{Effect: Join}},
	{"golang.org/x/sync/errgroup", "Group", "Wait", Effects{Effect: Join}},
}

// noReturnRows are functions that never return. buflint decides this itself
// rather than through ctrlflow's facts, which would make the driver load
// every dependency from source.
var noReturnRows = []Row{
	{"os", "", "Exit", Effects{Effect: NoReturn}},
	{"runtime", "", "Goexit", Effects{Effect: NoReturn}},
	{"syscall", "", "Exit", Effects{Effect: NoReturn}},
	{"log", "", "Fatal", Effects{Effect: NoReturn}},
	{"log", "", "Fatalf", Effects{Effect: NoReturn}},
	{"log", "", "Fatalln", Effects{Effect: NoReturn}},
	{"log", "", "Panic", Effects{Effect: NoReturn}},
	{"log", "", "Panicf", Effects{Effect: NoReturn}},
	{"log", "", "Panicln", Effects{Effect: NoReturn}},
	// testing.T's and testing.B's, promoted from testing.common: they end
	// the test's goroutine with runtime.Goexit.
	{"testing", "common", "FailNow", Effects{Effect: NoReturn}},
	{"testing", "common", "Fatal", Effects{Effect: NoReturn}},
	{"testing", "common", "Fatalf", Effects{Effect: NoReturn}},
	{"testing", "common", "SkipNow", Effects{Effect: NoReturn}},
	{"testing", "common", "Skip", Effects{Effect: NoReturn}},
	{"testing", "common", "Skipf", Effects{Effect: NoReturn}},
	// The same methods called through testing.TB, which test helpers take.
	{"testing", "TB", "FailNow", Effects{Effect: NoReturn}},
	{"testing", "TB", "Fatal", Effects{Effect: NoReturn}},
	{"testing", "TB", "Fatalf", Effects{Effect: NoReturn}},
	{"testing", "TB", "SkipNow", Effects{Effect: NoReturn}},
	{"testing", "TB", "Skip", Effects{Effect: NoReturn}},
	{"testing", "TB", "Skipf", Effects{Effect: NoReturn}},
}
