// Package otel exports what a [core.Client] does as OpenTelemetry
// metrics and spans: sign-ins, token refreshes, ended sessions, grants and
// store failures as metrics, from [core.Config.OnEvent]; the callback, its
// token exchange and account fetch, and each refresh as spans, from
// [core.Config.Trace]. Import it under a name of your own, as it shares its
// name with OpenTelemetry's package:
//
//	tel, err := rzotel.New() // the global MeterProvider and TracerProvider
//	if err != nil {
//		log.Fatal(err)
//	}
//	cfg.OnEvent = tel.Observe // cfg: the app's core.Config
//	cfg.Trace = tel.Trace
//	cfg.HTTPClient = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
//	c, err := core.New(cfg)
//	if err != nil {
//		log.Fatal(err)
//	}
//
// With the HTTPClient's otelhttp transport, the requests to Rememberizer's
// token and account endpoints are spans too, children of the token
// exchange, account fetch and refresh spans. [Config] takes providers of
// the app's own instead of the global ones. To call another OnEvent hook
// as well, call both from one function:
//
//	cfg.OnEvent = func(ctx context.Context, e event.Event) {
//		tel.Observe(ctx, e)
//		audit(ctx, e)
//	}
//
// The metrics, named in the style of OpenTelemetry's semantic
// conventions (ASP.NET Core's authentication metrics are the model):
//
//   - rememberizer.sign_in.starts, counter ({sign_in}): browsers the login
//     route sent to Rememberizer.
//   - rememberizer.sign_ins, counter ({sign_in}): finished sign-ins
//     (callbacks), by rememberizer.sign_in.result (success, failure) and,
//     on failure, error.type.
//   - rememberizer.sign_in.duration, histogram (s): how long the callback
//     took, with the same attributes.
//   - rememberizer.refreshes, counter ({refresh}): token refreshes, by
//     rememberizer.refresh.trigger and rememberizer.refresh.result.
//   - rememberizer.refresh.duration, histogram (s): how long a refresh's
//     token request took, with the same attributes.
//   - rememberizer.refresh.lock.wait_time, histogram (s): how long a
//     refresh waited for the cross-instance refresh lock.
//   - rememberizer.session.ends, counter ({session}): ended sessions, by
//     rememberizer.session.end_reason.
//   - rememberizer.grant.changes, counter ({grant}): grants stored,
//     revoked or deleted, by rememberizer.grant.change.
//   - rememberizer.store.failures, counter ({call}): failed store calls,
//     by rememberizer.store.role and rememberizer.store.operation.
//
// Every attribute value is one of package event's constants (their
// String), or success or failure, so the number of series is fixed and
// small: error.type is a sign-in failure's [event.Reason] (denied,
// state_mismatch, …); the trigger an [event.Trigger]; the refresh's result
// an [event.Result]; the end reason a session end's [event.Reason]
// (sign_out, idle, absolute, revoked, ended_everywhere); the change
// stored, revoked or deleted; the role an [event.Role] and the operation
// an [event.Op]. No metric and no span has a user id. A refresh refused
// without a token request (no refresh token) is recorded in the duration
// histogram with a duration of zero.
//
// The spans are rememberizer.sign_in (the callback), with children
// rememberizer.token_exchange and rememberizer.account_fetch, and
// rememberizer.refresh (one refresh, run once for every request waiting
// for it: the lock wait, the token request and keeping the tokens). A span
// whose operation failed has status Error and an error.type attribute
// from the same fixed set ([event.Tracer] lists it); no span carries an
// error's text, a token, a code or a state.
//
// [core.Client]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Client
// [core.Config.OnEvent]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Config
// [core.Config.Trace]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Config
package otel
