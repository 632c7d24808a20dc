package otel

import (
	"context"

	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/rzauth/rememberizer-go/core/event"
)

// spanNames are the names of the spans, by operation.
var spanNames = map[event.Span]string{
	event.SignIn:        "rememberizer.sign_in",
	event.TokenExchange: "rememberizer.token_exchange",
	event.AccountFetch:  "rememberizer.account_fetch",
	event.Refresh:       "rememberizer.refresh",
}

// Trace starts the span of operation s, a child of ctx's span, and
// returns the context the operation runs in and the function that ends
// the span. It is an event.Tracer: set it as [core.Config.Trace]. A span
// that ends with an error type has status Error and the attribute
// error.type: core's error type, or "_OTHER" for a value that is not one
// of core's. It is safe for concurrent use.
//
// On a nil or zero Telemetry (one not made by [New]), or for an unknown
// operation, Trace starts no span.
//
// [core.Config.Trace]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Config
func (t *Telemetry) Trace(ctx context.Context, s event.Span) (context.Context, func(errorType string)) {
	name, ok := spanNames[s]
	if t == nil || t.tracer == nil || !ok {
		return ctx, endNothing
	}
	ctx, span := t.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindInternal))
	return ctx, func(errorType string) {
		if errorType != "" {
			span.SetAttributes(errorTypeKey.String(spanErrorType(errorType)))
			span.SetStatus(codes.Error, "")
		}
		span.End()
	}
}

// endNothing ends no span.
func endNothing(string) {}
