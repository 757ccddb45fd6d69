package repro

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"sync"
	"time"
)

// LoggingMessageParams is the payload of a log notification.
type LoggingMessageParams struct {
	Logger string
	Level  string
	Data   json.RawMessage
}

// ServerSession stands in for a client connection; Log sends a notification.
type ServerSession struct {
	mu   sync.Mutex
	sent int
	bad  int
}

// Log delivers params to the client.
func (ss *ServerSession) Log(ctx context.Context, params *LoggingMessageParams) error {
	ok := json.Valid(params.Data)
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.sent++
	if !ok {
		ss.bad++
	}
	return nil
}

// LoggingHandlerOptions are options for a LoggingHandler.
type LoggingHandlerOptions struct {
	LoggerName  string
	MinInterval time.Duration
}

// A LoggingHandler is a slog.Handler that sends records to a session.
type LoggingHandler struct {
	opts LoggingHandlerOptions
	ss   *ServerSession
	// Ensures that the buffer reset is atomic with the write (see Handle).
	// A pointer so that clones share the mutex.
	mu              *sync.Mutex
	lastMessageSent time.Time // for rate-limiting
	buf             *bytes.Buffer
	handler         slog.Handler
}

// NewLoggingHandler creates a LoggingHandler that formats records as JSON.
func NewLoggingHandler(ss *ServerSession, opts *LoggingHandlerOptions) *LoggingHandler {
	var buf bytes.Buffer
	lh := &LoggingHandler{
		ss:      ss,
		mu:      new(sync.Mutex),
		buf:     &buf,
		handler: slog.NewJSONHandler(&buf, nil),
	}
	if opts != nil {
		lh.opts = *opts
	}
	return lh
}

func (h *LoggingHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *LoggingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	h2 := *h
	h2.handler = h.handler.WithAttrs(as)
	return &h2
}

func (h *LoggingHandler) WithGroup(name string) slog.Handler {
	h2 := *h
	h2.handler = h.handler.WithGroup(name)
	return &h2
}

// Handle writes r to the JSON handler and sends the result to the session.
func (h *LoggingHandler) Handle(ctx context.Context, r slog.Record) error {
	return h.handle(ctx, r)
}

func (h *LoggingHandler) handle(ctx context.Context, r slog.Record) error {
	// Observe the rate limit.
	h.mu.Lock()
	skip := time.Since(h.lastMessageSent) < h.opts.MinInterval
	h.mu.Unlock()
	if skip {
		return nil
	}

	var err error
	var data json.RawMessage
	// Reset and write the buffer in one critical section, without holding
	// the lock across the send below.
	func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.buf.Reset()
		err = h.handler.Handle(ctx, r)
		// Copy the bytes: Bytes aliases the buffer's storage.
		data = json.RawMessage(slices.Clone(h.buf.Bytes()))
	}()
	if err != nil {
		return err
	}

	h.mu.Lock()
	h.lastMessageSent = time.Now()
	h.mu.Unlock()

	params := &LoggingMessageParams{
		Logger: h.opts.LoggerName,
		Level:  r.Level.String(),
		Data:   data,
	}
	return h.ss.Log(ctx, params)
}
