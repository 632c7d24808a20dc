// Package core signs users in with Rememberizer (OAuth 2.0 authorization
// code grant with PKCE), keeps their sessions, and calls Rememberizer's API
// as them, for any Go web framework. It imports none: the adapters
// (packages nethttp, ginmw, fibermw) mount its routes and middleware.
//
//	c, err := core.New(core.Config{
//		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
//		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
//		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
//		SessionKeys:  keys, // core.ParseSessionKeys(os.Getenv("SESSION_KEYS"))
//	})
//	if err != nil {
//		log.Fatal(err)
//	}
//	mux := http.NewServeMux()
//	nethttp.Mount(mux, c) // /auth/rememberizer/login, /callback, /logout
//	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(dashboard))
//	// in dashboard: user, _ := core.UserFrom(r.Context()); rc, err := c.API(r.Context())
//
// # The flow
//
//   - Login makes a state and a PKCE verifier, keeps them with the
//     return-to in a sealed pending-login cookie bound to this browser, and
//     redirects to Rememberizer's authorize page.
//   - Callback checks the state against that record (once, in constant
//     time, within [Config.LoginTTL]), exchanges the code with the verifier,
//     fetches the account, and starts a new session.
//   - The middleware loads the session, enforces its lifetime and idle
//     timeout, refreshes the access token shortly before it expires (once
//     across concurrent requests and instances, persisting the new
//     tokens), and puts the session in the request's context.
//   - Logout (a POST from this site) ends the session.
//
// # How sessions behave
//
// One contract holds in every store configuration: the sealed cookie
// (the default), a server-side [Config.Store], a [Config.GrantStore] with
// either, and the gorilla bridge of package sessionstore.
//
//   - RequireRememberizer: when the user's access token is within
//     [Config.RefreshSkew] of expiry, it is refreshed before the handler
//     runs, once across concurrent requests (and instances, with a store
//     that is a [Locker]). With a grant store the session carries the
//     token's expiry, so a request not near expiry reads no grant.
//   - When Rememberizer refuses a refresh (invalid_grant: the user
//     disconnected the app), every session of that user ends: the request
//     at hand gets the signed-out answer, and so does every other session
//     of the user at its next request, on every browser and instance.
//     With sessions only in cookies there is nowhere to keep that mark:
//     each browser finds out at its own next refresh. A passing failure
//     (timeout, 5xx) keeps the session while its token is valid.
//   - OptionalRememberizer follows the same rules and shows the page
//     signed out.
//   - [Client.EndSessions] ends every session of a user everywhere, and
//     [Client.DeleteGrant] also forgets the grant; neither is undone by a
//     refresh in flight, a later sign-in or an old record written back.
//     The mark they leave is read with the session in one round trip
//     with a server-side Store that is an adapter.MultiFinder, costs one store
//     read with cookie sessions and a GrantStore, and nothing otherwise.
//   - A request's view goes inert when its handler chain returns (or its
//     headers are sent): an API client kept by a goroutine refreshes and
//     stores server-side where it can, and otherwise gets
//     [ErrRequestEnded] without spending the refresh token.
//
// # For apps
//
// Make one [Client] with [New] from a [Config]; its zero values are safe
// defaults pointing at Rememberizer. In a handler behind the middleware,
// [SessionFrom] and [UserFrom] tell who is signed in, [Client.API] gives a
// typed rememberizer.Client acting as that user (or [Client.HTTPClient]
// and [Client.TokenSource], for other clients), and [Client.SameOrigin]
// tells a form posted by this app's own pages. A request's API client ends
// with the request: once the handler has returned, a goroutine that kept
// it gets [ErrRequestEnded] where new tokens could only have travelled in
// the response's cookie.
//
// For work outside a request (jobs, workers), set [Config.GrantStore]:
// each sign-in then stores the user's grant, and [Client.APIFor] (or
// [Client.HTTPClientFor], [Client.TokenSourceFor]) calls the API as any
// user who signed in, with one refresh per grant at a time across
// instances; [Client.DeleteGrant] forgets a user and [Client.EndSessions]
// signs them out everywhere.
//
// Sessions are encoded compactly and sealed with AES-256-GCM under
// [Config.SessionKeys] ([NewSessionKey], [ParseSessionKeys]), bound to
// their cookie name or record id, and kept by a store: by default in the
// browser, each in its own cookie; or by a server-side [Store] such as
// [MemoryStore] or the Redis store of module sessionstore/redisstore.
//
// Every error a Client returns wraps one of the Err sentinels or is a
// [*ProviderError], for [errors.Is] and [errors.As]: [ErrNotSignedIn]
// means "sign in again", and every failure of the callback wraps
// [ErrSignIn]. [ErrorPageFor] gives an error's HTTP status, a fixed
// sentence safe to show and a stable name, from the one table core
// answers with; [Config.ErrorPage] (by default [DefaultErrorPage]) shows
// them as a page. No way of printing a Client, Config, Session or
// MemoryStore shows a secret.
//
// # Events
//
// [Config.OnEvent] receives an event.Event (package core/event) for each
// sign-in started, succeeded or failed, token refresh, wait for the
// refresh lock, ended session, stored, revoked or deleted grant, and store
// failure, once, with the context of the request or job it happened in.
// Events hold bounded values only (a kind, small enums, a duration, the
// user id on events about a user), never a secret or an error's text, and
// each also makes the client's log line for it. [Config.Trace] follows
// the operations that talk to Rememberizer (a callback, its token exchange
// and account fetch, each refresh) for distributed tracing: their outgoing
// HTTP requests carry the context it returns. Modules of this repository
// export both: otel (OpenTelemetry metrics and spans) and prometheus.
//
// # For adapter and store authors
//
// Package core/adapter is the seam to a web framework: an adapter
// implements its small Request view on the framework's types, takes the
// Engine of [Client.Adapter], calls one operation per request and does
// what the Outcome says. Package core/adaptertest is the behaviour suite
// every adapter runs.
//
// Store authors implement [Store] (with the optional [Claimer] and
// [Locker], and the optional capabilities of package core/adapter:
// adapter.MultiFinder, adapter.GrantLister) and run the conformance suite
// in package core/storetest. A store that keeps its values with the
// browser's request (the gorilla/sessions bridge) is a Store with the
// adapter.BrowserStore capability.
package core
