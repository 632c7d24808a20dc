package event

import "context"

// Tracer follows the operations of a core.Client that talk to
// Rememberizer, for distributed tracing: set it as core.Config.Trace
// (package otel of this repository makes OpenTelemetry spans with it).
//
// The client calls it as an operation starts, with the context of the
// request or job it runs for. The context it returns is the operation's:
// the operation's outgoing HTTP requests carry it, and so do the
// operations it contains, so a span it starts is their parent (an
// HTTPClient whose transport traces, such as otelhttp's, makes the
// requests' spans its children). The function it returns is called once,
// when the operation ends, with errorType "" on success or, on failure,
// one of a fixed set of values:
//
//   - [SignIn], [TokenExchange], [AccountFetch]: the [Reason] a sign-in
//     failed for ([TokenEndpoint], [AccountEndpoint], [StateMismatch], …),
//     as in the [SignInFailed] event;
//   - [Refresh]: the [Result] of the refresh ([Refused], [Unavailable],
//     [NotKept]) as in the [Refreshed] event, or [StoreError] or [Other]
//     when it failed before a token request.
//
// Neither the span nor the error type carries a token, a code, a state, a
// user id or the text of an error. Tracer runs synchronously on the
// operation's goroutine and may be called from many goroutines at once;
// a panic in it or in the function it returns is recovered (the first is
// logged) and the operation goes on untraced.
type Tracer func(ctx context.Context, s Span) (context.Context, func(errorType string))

// Span is an operation a [Tracer] follows.
type Span uint8

// The operations.
const (
	// SignIn is a sign-in's callback: from the request coming back from
	// Rememberizer to the new session. It contains a [TokenExchange] and
	// an [AccountFetch] when the callback gets that far.
	SignIn Span = iota + 1
	// TokenExchange is the token request that trades the sign-in's code
	// for tokens.
	TokenExchange
	// AccountFetch is the request for the account the new tokens belong
	// to.
	AccountFetch
	// Refresh is one refresh of a session's or a grant's tokens, run once
	// for every request waiting for it: the wait for the refresh lock,
	// the token request and keeping the new tokens.
	Refresh
)

var spanNames = [...]string{
	SignIn:        "sign_in",
	TokenExchange: "token_exchange",
	AccountFetch:  "account_fetch",
	Refresh:       "refresh",
}

// String returns s in snake case, e.g. "token_exchange", or "unknown".
func (s Span) String() string {
	if int(s) < len(spanNames) && spanNames[s] != "" {
		return spanNames[s]
	}
	return "unknown"
}
