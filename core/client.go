package core

import (
	"context"
	"iter"
	"net/http"

	"golang.org/x/oauth2"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// Client signs users in with Rememberizer and keeps their sessions. It is
// made once with [New] and shared by all requests: it is safe for
// concurrent use.
//
// In a handler behind RequireRememberizer, apps call the API as the
// signed-in user with [Client.API] (or [Client.HTTPClient],
// [Client.TokenSource]) and check forms with [Client.SameOrigin]; outside
// requests, [Client.APIFor] (or [Client.HTTPClientFor],
// [Client.TokenSourceFor]), [Client.DeleteGrant] and
// [Client.EndSessions]; for links and forms, [Client.LoginPath] and
// [Client.LogoutPath]; for a health endpoint, [Client.Check]; in handler
// tests, [Client.NewContext]. Adapters use [Client.Adapter].
//
// Printing a Client, with any verb or logger, shows no secret.
type Client struct{ c hidden[client] }

// New checks cfg and returns a Client. It fails, with an error wrapping
// [ErrInvalidConfig] that says what to fix, on anything that cannot work
// safely: a missing client id or secret, a redirect URL that is not
// absolute, has a fragment, or is http off loopback, endpoints that are
// http off loopback, keys that are not 32 bytes or visibly not random
// (all zeros, a repeated byte or short pattern, text such as a
// passphrase, few byte values, a counter), a redirect URL whose path is
// not the callback route Mount serves, a cookie name over
// 64 characters, lifetimes out of range, or an HTTP client
// that skips TLS verification (see [Config.HTTPClient] for what is
// checked). When the redirect URL is http (loopback), New logs one
// warning that this is for local development only: over http, other
// servers on the same host can read and set the cookies.
func New(cfg Config) (*Client, error) {
	c, err := newClient(cfg)
	if err != nil {
		return nil, err
	}
	return &Client{c: hide(c)}, nil
}

// Adapter returns the [adapter.Engine] that framework adapters drive: the
// auth routes and the middleware's decisions. Apps never need it; they use
// an adapter's Mount, RequireRememberizer and OptionalRememberizer.
func (c *Client) Adapter() adapter.Engine {
	return c.c.get().Adapter()
}

// API returns a typed Rememberizer API client acting as the user signed in
// on ctx (a request context from RequireRememberizer or
// OptionalRememberizer), pointed at [Config.BaseURL]. It is
// [Client.HTTPClient] given to [rememberizer.New]: tokens are refreshed and
// kept the same way, and the same rules hold once the request has ended.
//
// opts tunes the API client (retries, response size, user agent); its
// BaseURL is always this Client's. Without a session on ctx the error wraps
// [ErrNotSignedIn].
func (c *Client) API(ctx context.Context, opts ...rememberizer.Config) (*rememberizer.Client, error) {
	return c.c.get().API(ctx, opts...)
}

// APIFor returns a typed Rememberizer API client acting as the user with
// this Rememberizer user id, from the grant kept in [Config.GrantStore]:
// for background jobs, outside any request. It is [Client.HTTPClientFor]
// given to [rememberizer.New], with the same errors.
func (c *Client) APIFor(ctx context.Context, userID string, opts ...rememberizer.Config) (*rememberizer.Client, error) {
	return c.c.get().APIFor(ctx, userID, opts...)
}

// HTTPClient returns an *http.Client that calls the Rememberizer API as the
// user signed in on ctx (a request context from RequireRememberizer). It
// sends the access token to Rememberizer's API origin only
// ([ErrForeignHost] for any other), refreshes the token when it is near
// expiry, and, when the API answers 401, refreshes once and retries
// requests whose body can be replayed.
//
// New tokens are persisted: in the grant store ([Config.GrantStore]), in a
// server-side session store, or, with the default cookie store, in the
// response's Set-Cookie header. The request's view ends when its handler
// returns (or its headers are written): a goroutine that keeps this client
// after that can still use it, but where new tokens could only travel in
// the response's cookie it gets [ErrRequestEnded] instead of spending the
// refresh token. For work outside a request use [Client.HTTPClientFor].
func (c *Client) HTTPClient(ctx context.Context) (*http.Client, error) {
	return c.c.get().HTTPClient(ctx)
}

// TokenSource returns an [oauth2.TokenSource] for the user signed in on
// ctx, refreshing and persisting tokens like [Client.HTTPClient]. Its Token
// method runs with ctx's values but not its cancellation, each call
// bounded by the HTTP client's timeout, so a token source kept after the
// request ended still works where the tokens live server-side.
func (c *Client) TokenSource(ctx context.Context) (oauth2.TokenSource, error) {
	return c.c.get().TokenSource(ctx)
}

// HTTPClientFor returns an *http.Client that calls the Rememberizer API as
// the user with this Rememberizer user id, from any goroutine, job or
// worker process, with no request: the tokens come from the user's grant
// in [Config.GrantStore], stored when the user signed in. It sends the
// access token to Rememberizer's API origin only, and refreshes it like
// [Client.HTTPClient]: one refresh per grant at a time across every
// instance sharing the grant store (when it is a [Locker]), the new tokens
// stored before they are used.
//
// Errors, here or from the client's requests, tell a job what happened:
// [ErrNoGrant] (no grant stored for this user: never signed in, signed
// in before a grant store was configured, or deleted); [ErrGrantRevoked]
// (Rememberizer refused the refresh, typically because the user
// disconnected the app: the grant was deleted); [ErrRefreshUnavailable]
// (Rememberizer could not be reached; try later); [ErrStore] (the grant
// store failed).
func (c *Client) HTTPClientFor(ctx context.Context, userID string) (*http.Client, error) {
	return c.c.get().HTTPClientFor(ctx, userID)
}

// TokenSourceFor returns an [oauth2.TokenSource] for the user with this
// Rememberizer user id, as [Client.HTTPClientFor] does. Its Token method
// uses ctx for waiting and for the grant store.
func (c *Client) TokenSourceFor(ctx context.Context, userID string) (oauth2.TokenSource, error) {
	return c.c.get().TokenSourceFor(ctx, userID)
}

// LoginPath is the path of the login route, e.g. "/auth/rememberizer/login".
func (c *Client) LoginPath() string {
	return c.c.get().LoginPath()
}

// LogoutPath is the path of the logout route.
func (c *Client) LogoutPath() string {
	return c.c.get().LogoutPath()
}

// NewContext returns ctx carrying s, for tests of a single handler: the
// handler then reads s with [SessionFrom] and calls the API as its user.
// The context belongs to no request, so the API client never writes to a
// response: it refreshes tokens only where they live server-side (a
// server-side [Store] or a [Config.GrantStore]). A nil s gives ctx back
// unchanged, so the accessors report no session.
func (c *Client) NewContext(ctx context.Context, s *Session) context.Context {
	return c.c.get().NewContext(ctx, s)
}

// DeleteGrant forgets userID's grant and ends every session of that user,
// on every browser and instance: background access stops, and the user
// must sign in again (which stores a new grant). It holds: a refresh
// already in flight cannot store the grant again, a session made before
// it never uses a grant made by a later sign-in, and an old copy of the
// grant's record written back does not open. Rememberizer documents no
// token revocation endpoint, so the tokens themselves stay valid at
// Rememberizer until they expire or the user disconnects the app there.
// It is a no-op without a [Config.GrantStore].
func (c *Client) DeleteGrant(ctx context.Context, userID string) error {
	return c.c.get().DeleteGrant(ctx, userID)
}

// GrantHolders yields the Rememberizer user id of every user whose grant
// [Config.GrantStore] holds, for a background loop that works for each
// (with [Client.APIFor]). It lists the grants that open under this app's
// keys and that no [Client.DeleteGrant] ended: a deleted or expired grant
// is not yielded. The grant store must be an [adapter.GrantLister]
// (core.NewMemoryStore and redisstore are); otherwise, as without a
// GrantStore, the first pair holds an error wrapping [ErrInvalidConfig].
//
// The store is read a page of 100 grants at a time, so a listing holds
// little in memory however many grants there are; each user yielded costs
// one more read (the mark of [Client.DeleteGrant]). A grant that exists
// throughout the listing is yielded exactly once; one stored or deleted
// meanwhile may be yielded or not. A store failure ends the listing with
// an error wrapping [ErrStore]. Errors never carry tokens.
//
//	for userID, err := range c.GrantHolders(ctx) {
//		if err != nil {
//			return err // core.ErrStore: list again later
//		}
//		if err := work(ctx, c, userID); err != nil {
//			return err
//		}
//	}
//
// where work calls Rememberizer as the user, with [Client.APIFor].
func (c *Client) GrantHolders(ctx context.Context) iter.Seq2[string, error] {
	return c.c.get().GrantHolders(ctx)
}

// SameOrigin reports whether the request on ctx (a request context from
// RequireRememberizer or OptionalRememberizer, signed in) was sent by this
// app's own pages: its Sec-Fetch-Site, when present, is same-origin (or
// none: typed by the user), and its Origin, when present, is the app's
// origin. Handlers of forms that change something (POST) check it to
// refuse requests other sites make on the user's behalf. It reports false
// for a context without a session and once the request has ended. Call
// it from the handler, not from goroutines it starts.
func (c *Client) SameOrigin(ctx context.Context) bool {
	return c.c.get().SameOrigin(ctx)
}

// EndSessions ends every session of the user with this Rememberizer user
// id, on every browser and every instance: each is signed out at its next
// request (and an API client kept from one stops working). Sessions
// started afterwards are not affected, and the user's grant is kept, so
// background access goes on; [Client.DeleteGrant] stops that too.
//
// The mark that ends them is kept in [Config.Store], or without one in
// [Config.GrantStore]: with neither (sessions only in the browser's cookie)
// there is nowhere to keep it, and EndSessions returns an error wrapping
// [ErrInvalidConfig] that says so. Checking the mark costs a protected
// request nothing more with a Store that is an [adapter.MultiFinder] (it
// is read with the session), and one store read otherwise.
func (c *Client) EndSessions(ctx context.Context, userID string) error {
	return c.c.get().EndSessions(ctx, userID)
}

// Check asks each store the client uses whether it answers: the session
// store ([Config.Store]) and the grant store ([Config.GrantStore]), which
// also keep the marks of [Client.EndSessions]; and, with
// [Config.CheckRememberizer], Rememberizer. Sessions kept in the
// browser's cookie need nothing. It returns nil when all answer, else
// one error per failure, joined, each naming what failed ("grant store",
// "Rememberizer") and wrapping [ErrStore] (or [ErrRefreshUnavailable]
// for Rememberizer). It reads one key that no record uses and writes
// nothing: an app's health endpoint (/healthz) can call it on every
// request.
func (c *Client) Check(ctx context.Context) error {
	return c.c.get().Check(ctx)
}
