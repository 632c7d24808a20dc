package otel_test

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/rzauth/rememberizer-go/core/event"
)

// Trace starts an internal span of the operation's name, a child of the
// context's span, and ends it with the error type core gives, or _OTHER.
func TestTrace(t *testing.T) {
	t.Parallel()
	tests := []struct {
		span      event.Span
		errorType string
		wantName  string
		wantType  string // "" for none, and status Unset
	}{
		{event.SignIn, "", "rememberizer.sign_in", ""},
		{event.SignIn, "state_mismatch", "rememberizer.sign_in", "state_mismatch"},
		{event.TokenExchange, "token_endpoint", "rememberizer.token_exchange", "token_endpoint"},
		{event.AccountFetch, "account_endpoint", "rememberizer.account_fetch", "account_endpoint"},
		{event.Refresh, "", "rememberizer.refresh", ""},
		{event.Refresh, "refused", "rememberizer.refresh", "refused"},
		{event.Refresh, "unavailable", "rememberizer.refresh", "unavailable"},
		{event.Refresh, "not_kept", "rememberizer.refresh", "not_kept"},
		{event.Refresh, "store", "rememberizer.refresh", "store"},
		{event.Refresh, "other", "rememberizer.refresh", "other"},
		{event.Refresh, "ok", "rememberizer.refresh", "_OTHER"},
		{event.Refresh, "dial tcp 10.0.0.1: user-42", "rememberizer.refresh", "_OTHER"},
	}
	for _, tt := range tests {
		t.Run(tt.wantName+"/"+tt.errorType, func(t *testing.T) {
			t.Parallel()
			s := newSDK(t)
			parentCtx, parent := s.tp.Tracer("test").Start(context.Background(), "parent")
			ctx, end := s.tel.Trace(parentCtx, tt.span)
			if !trace.SpanContextFromContext(ctx).IsValid() || trace.SpanContextFromContext(ctx).SpanID() == parent.SpanContext().SpanID() {
				t.Fatal("the returned context is not in a new span")
			}
			end(tt.errorType)
			parent.End()
			spans := s.spans.GetSpans()
			if len(spans) != 2 {
				t.Fatalf("got %d spans, want 2", len(spans))
			}
			got := spans[0]
			if got.Name != tt.wantName || got.SpanKind != trace.SpanKindInternal || got.Parent.SpanID() != parent.SpanContext().SpanID() {
				t.Errorf("got span %q of kind %v, parent %v; want %q, internal, child of the context's", got.Name, got.SpanKind, got.Parent.SpanID(), tt.wantName)
			}
			var gotType string
			for _, a := range got.Attributes {
				if a.Key != "error.type" {
					t.Errorf("unexpected attribute %s=%s", a.Key, a.Value.String())
				}
				gotType = a.Value.String()
			}
			wantStatus := codes.Unset
			if tt.wantType != "" {
				wantStatus = codes.Error
			}
			if gotType != tt.wantType || got.Status.Code != wantStatus || got.Status.Description != "" {
				t.Errorf("got error.type %q, status %v %q; want %q, %v, no description", gotType, got.Status.Code, got.Status.Description, tt.wantType, wantStatus)
			}
		})
	}
}

// An operation Trace does not know starts no span.
func TestTraceUnknownSpan(t *testing.T) {
	t.Parallel()
	s := newSDK(t)
	ctx := context.Background()
	got, end := s.tel.Trace(ctx, event.Span(200))
	end("")
	if got != ctx || len(s.spans.GetSpans()) != 0 {
		t.Errorf("got %d spans, want none and the context unchanged", len(s.spans.GetSpans()))
	}
}
