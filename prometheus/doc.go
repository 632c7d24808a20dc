// Package prometheus exports what a [core.Client] reports to
// [core.Config.OnEvent] as Prometheus metrics: sign-ins, token refreshes,
// ended sessions, grants and store failures. Import it under a name of
// your own, as it shares its name with client_golang's package:
//
//	m, err := rzprom.New(prometheus.DefaultRegisterer)
//	if err != nil {
//		log.Fatal(err)
//	}
//	cfg.OnEvent = m.Observe // cfg: the app's core.Config
//	c, err := core.New(cfg)
//	if err != nil {
//		log.Fatal(err)
//	}
//
// and serve the registry as usual (promhttp.Handler for the default one).
// [New] registers on the registry it is given, so a test or an app with
// its own registry passes that one. To call another hook as well, call
// both from one function:
//
//	cfg.OnEvent = func(ctx context.Context, e event.Event) {
//		m.Observe(ctx, e)
//		audit(ctx, e)
//	}
//
// The metrics, with the default [Config.Namespace] "rememberizer":
//
//   - rememberizer_sign_in_starts_total, counter: browsers the login
//     route sent to Rememberizer.
//   - rememberizer_sign_ins_total{result}, counter: finished sign-ins
//     (callbacks).
//   - rememberizer_sign_in_duration_seconds{result}, histogram: how long
//     the callback took.
//   - rememberizer_token_refreshes_total{trigger, result}, counter:
//     token refreshes.
//   - rememberizer_token_refresh_duration_seconds{trigger, result},
//     histogram: how long a refresh's token request took.
//   - rememberizer_refresh_lock_wait_seconds, histogram: how long a
//     refresh waited for the cross-instance refresh lock.
//   - rememberizer_sessions_ended_total{reason}, counter: ended sessions.
//   - rememberizer_grants_total{event}, counter: grants stored, revoked
//     or deleted.
//   - rememberizer_store_failures_total{store, op}, counter: failed
//     store calls.
//
// Every label value is one of package event's constants (their String),
// so the number of series is fixed and small: result is "ok" or a
// sign-in failure's [event.Reason] (denied, state_mismatch, …); trigger an
// [event.Trigger]; the refresh's result an [event.Result]; reason a
// session end's [event.Reason] (sign_out, idle, absolute, revoked,
// ended_everywhere); event is stored, revoked or deleted; store an
// [event.Role] and op an [event.Op]. No metric has a user id. A refresh
// refused without a token request (no refresh token) is observed in the
// duration histogram with a duration of zero.
//
// [core.Client]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Client
// [core.Config.OnEvent]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Config
package prometheus
