package core

import (
	"context"
	"errors"
	"log/slog"

	"github.com/rzauth/rememberizer-go/core/event"
)

// This file is where operations are traced: [Config.Trace] is called
// through trace, once, where each operation that talks to Rememberizer
// starts, and the operation ends its span once.

// span is a traced operation, to end once when it ends. Its zero value
// (no [Config.Trace]) ends nothing.
type span struct {
	c    *client
	s    event.Span
	done func(errorType string)
}

// trace starts operation s with [Config.Trace]: it returns the context
// the operation runs in, and its span. Without a Trace, or when Trace
// panics, the context is ctx and the span ends nothing; without one it
// costs nothing.
func (c *client) trace(ctx context.Context, s event.Span) (out context.Context, sp span) {
	if c.cfg.Trace == nil {
		return ctx, span{}
	}
	defer func() {
		if recover() != nil {
			c.tracePanic(ctx, s)
			out, sp = ctx, span{}
		}
	}()
	tctx, done := c.cfg.Trace(ctx, s)
	if tctx == nil {
		tctx = ctx
	}
	return tctx, span{c: c, s: s, done: done}
}

// end ends sp with errorType: "" on success, else a bounded value (see
// [event.Tracer]), never an error's text.
func (sp span) end(errorType string) {
	if sp.done == nil {
		return
	}
	defer func() {
		if recover() != nil {
			sp.c.tracePanic(context.Background(), sp.s)
		}
	}()
	sp.done(errorType)
}

// tracePanic logs a recovered panic in [Config.Trace] or the function it
// returned: the first one; later ones are not logged.
func (c *client) tracePanic(ctx context.Context, s event.Span) {
	if c.tracePanicked.CompareAndSwap(false, true) {
		c.log.LogAttrs(ctx, slog.LevelError, "rememberizer: Config.Trace panicked; the panic was recovered and later ones are not logged",
			slog.String("span", s.String()))
	}
}

// signInErrorType is the error type a sign-in's span, or one of its
// children's, ends with: "" for nil, else the reason a [event.SignInFailed]
// event would give.
func signInErrorType(err error) string {
	if err == nil {
		return ""
	}
	return string(signInReason(err))
}

// refreshErrorType is the error type a refresh's span ends with: the
// result of its token request when that failed, else, when the refresh
// failed before one, [event.StoreError] or [event.Other].
func refreshErrorType(result event.Result, err error) string {
	switch {
	case result != "" && result != event.OK:
		return string(result)
	case err == nil, result == event.OK:
		return ""
	case errors.Is(err, ErrStore), errors.Is(err, ErrStoreUnavailable):
		return string(event.StoreError)
	}
	return string(event.Other)
}
