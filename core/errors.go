package core

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/rzauth/rememberizer-go/rememberizer"
)

// Sentinel errors returned by the [Client] operations. Every error a
// [Client] returns wraps one of these or is a [*ProviderError], so callers
// branch with [errors.Is] and [errors.As].
var (
	// ErrInvalidConfig reports a [Config] that cannot work safely; New
	// wraps it with what to fix. It is [rememberizer.ErrInvalidConfig]
	// itself: one check covers both packages.
	ErrInvalidConfig = rememberizer.ErrInvalidConfig

	// ErrNotSignedIn reports a request without a usable session: no
	// cookie, a cookie that does not open, or a session that ended.
	ErrNotSignedIn = errors.New("rememberizer: not signed in")

	// ErrSessionExpired reports a session past its absolute lifetime or
	// idle timeout. It wraps ErrNotSignedIn.
	ErrSessionExpired = fmt.Errorf("%w: session expired", ErrNotSignedIn)

	// ErrReauthRequired reports that Rememberizer refused to refresh the
	// session's tokens (invalid_grant, invalid_client): the session was
	// ended and the user must sign in again. It wraps ErrNotSignedIn.
	ErrReauthRequired = fmt.Errorf("%w: sign-in required again", ErrNotSignedIn)

	// ErrSignIn is what every failure of the callback wraps: a state that
	// matches no sign-in of this browser ([ErrStateMismatch]), a sign-in
	// that took too long ([ErrLoginExpired]), a malformed callback, the
	// user's refusal or another error from Rememberizer (also a
	// [*ProviderError]), and a failure to reach it or to keep the session.
	ErrSignIn = errors.New("rememberizer: sign-in failed")

	// ErrStateMismatch reports a callback whose state matches none of this
	// browser's pending logins, or one that was already used. It wraps
	// ErrSignIn.
	ErrStateMismatch = fmt.Errorf("%w: state does not match", ErrSignIn)

	// ErrLoginExpired reports a callback for a pending login older than
	// [Config.LoginTTL]. It wraps ErrSignIn.
	ErrLoginExpired = fmt.Errorf("%w: sign-in took too long", ErrSignIn)

	// ErrMethodNotAllowed reports a request with the wrong HTTP method for
	// the route (the callback is GET only, logout POST only).
	ErrMethodNotAllowed = errors.New("rememberizer: method not allowed")

	// ErrCrossSite reports a logout posted from another site.
	ErrCrossSite = errors.New("rememberizer: cross-site request refused")

	// ErrRefreshUnavailable reports that the access token has expired and
	// could not be refreshed for a passing reason (timeout, 5xx). The
	// session is kept; a later request may succeed.
	ErrRefreshUnavailable = errors.New("rememberizer: token refresh temporarily unavailable")

	// ErrStore reports a [Store] failure. The request fails closed. The
	// error's text names the store by its role: session store
	// ([Config.Store]), grant store ([Config.GrantStore]).
	ErrStore = errors.New("rememberizer: store failed")

	// ErrStoreUnavailable is what a [Store] wraps when its backend cannot
	// be reached for now; it maps to 503 instead of 500.
	ErrStoreUnavailable = errors.New("rememberizer: store unavailable")

	// ErrRequestEnded reports that an API client derived from a request
	// needed to write to that request's response after its handler had
	// returned (or its headers were sent): with tokens kept in the
	// session cookie, new tokens could not be kept, so the refresh token
	// was not spent. Call the API before the handler returns, or
	// configure a [Config.GrantStore] or a server-side [Config.Store].
	ErrRequestEnded = errors.New("rememberizer: the request this client was made for has ended")

	// ErrNoGrant reports that there is no stored grant for a user: no
	// [Config.GrantStore], or the user never signed in with one, or the
	// grant was deleted.
	ErrNoGrant = errors.New("rememberizer: no grant stored for this user")

	// ErrGrantRevoked reports that Rememberizer refused to refresh a
	// user's grant (invalid_grant: the user disconnected the app, or the
	// refresh token was revoked). The grant was deleted; the user must
	// sign in again.
	ErrGrantRevoked = errors.New("rememberizer: the user's grant was revoked")

	// ErrForeignHost reports an API request through [Client.HTTPClient]
	// to a host other than Rememberizer's: the access token is not sent.
	// It is [rememberizer.ErrForeignHost] itself.
	ErrForeignHost = rememberizer.ErrForeignHost
)

// The errors below are core's own detail; each wraps an exported sentinel
// or maps to a status of its own in [errorTable].
var (
	// errSignOutNeedsPost reports a logout asked for with GET or another
	// method than POST: a link cannot sign out, a form must post.
	errSignOutNeedsPost = fmt.Errorf("%w: sign-out needs a POST form", ErrMethodNotAllowed)
	// errUnknownRoute reports a path that is none of the auth routes.
	errUnknownRoute = errors.New("rememberizer: no such route")
	// errInvalidCallback reports a malformed callback query: too long,
	// repeated parameters, or control characters.
	errInvalidCallback = fmt.Errorf("%w: malformed callback request", ErrSignIn)
	// errNoPendingLogin reports a callback from a browser that holds no
	// pending login (no cookie, or one that does not open).
	errNoPendingLogin = fmt.Errorf("%w: no sign-in in progress in this browser", ErrSignIn)
	// errIssuerMismatch reports a callback whose iss parameter is not the
	// configured issuer.
	errIssuerMismatch = fmt.Errorf("%w: issuer does not match", ErrSignIn)
	// errMissingCode reports a callback with neither a code nor an error.
	errMissingCode = fmt.Errorf("%w: callback carries no code", ErrSignIn)
	// errTokenEndpoint reports a failed call to the token endpoint that
	// carried no OAuth error code: a timeout, a refused connection, a
	// redirect, a body that is not a token.
	errTokenEndpoint = errors.New("rememberizer: token endpoint failed")
	// errAccountEndpoint reports a failed call to the account endpoint.
	errAccountEndpoint = errors.New("rememberizer: account endpoint failed")
	// errRandom reports a failure of the random source. No weaker
	// randomness is ever used instead.
	errRandom = errors.New("rememberizer: random source failed")

	// errNotMounted: RequireRememberizer would redirect to sign in, but
	// no adapter mounted the auth routes.
	errNotMounted = errors.New("rememberizer: the auth routes are not mounted, so a redirect to sign in would find nothing: " +
		"call Mount (nethttp.Mount, ginmw.Mount, fibermw.Mount, fiber3mw.Mount, echo5mw.Mount or echo4mw.Mount) with this Client on the app's router")

	// errNotWrapped: an API client was asked for with a context that
	// never went through the middleware. It wraps ErrNotSignedIn.
	errNotWrapped = fmt.Errorf("%w: no session in the context, which RequireRememberizer did not see: "+
		"wrap the handler in RequireRememberizer (or OptionalRememberizer), pass it the request's context, "+
		"or, in a test, make one with Client.NewContext", ErrNotSignedIn)
)

// errorRow is one line of [errorTable]: what the visitor who hit err is
// told, as an HTTP status, a stable slug and a fixed sentence.
type errorRow struct {
	err     error // the sentinel; nil marks the [*ProviderError] row
	status  int
	slug    string
	message string
}

// errorTable is the one mapping from errors to what the visitor sees,
// read by [statusFor], [errorSlug] and [messageFor]. The first row whose
// sentinel the error wraps ([errors.Is]) wins, so a sentinel that wraps
// another comes before it: most specific first (ErrSessionExpired and
// ErrReauthRequired before ErrNotSignedIn, errSignOutNeedsPost before
// ErrMethodNotAllowed). An error matching no row is ours: 500. A new
// sentinel is one line here.
var errorTable = [...]errorRow{
	{ErrSessionExpired, http.StatusUnauthorized, "session_expired", "Your session has ended. Please sign in again."},
	{ErrReauthRequired, http.StatusUnauthorized, "reauth_required", "Rememberizer asked for you to sign in again."},
	{ErrNotSignedIn, http.StatusUnauthorized, "not_signed_in", "You are not signed in."},
	{errSignOutNeedsPost, http.StatusMethodNotAllowed, "method_not_allowed",
		`Signing out needs a POST form: use a button in a form with method="post", not a link.`},
	{ErrMethodNotAllowed, http.StatusMethodNotAllowed, "method_not_allowed", "This address does not accept that kind of request."},
	{errUnknownRoute, http.StatusNotFound, "not_found", "There is nothing at this address."},
	{errNotMounted, http.StatusInternalServerError, "not_mounted", "Signing in is not set up on this site yet."},
	{ErrCrossSite, http.StatusForbidden, "cross_site", "This request came from another site and was refused."},
	{ErrLoginExpired, http.StatusBadRequest, "login_expired", "The sign-in took too long. Please start again."},
	{errInvalidCallback, http.StatusBadRequest, "invalid_callback", invalidSignIn},
	{errNoPendingLogin, http.StatusBadRequest, "invalid_callback", invalidSignIn},
	{ErrStateMismatch, http.StatusBadRequest, "invalid_callback", invalidSignIn},
	{errIssuerMismatch, http.StatusBadRequest, "invalid_callback", invalidSignIn},
	{errMissingCode, http.StatusBadRequest, "invalid_callback", invalidSignIn},
	// A *ProviderError: its slug is its code; status and message come
	// from providerCodes, defaulting to these.
	{nil, http.StatusBadGateway, "", "Rememberizer could not complete the sign-in."},
	{ErrRefreshUnavailable, http.StatusServiceUnavailable, "unavailable", serviceDown},
	{ErrStoreUnavailable, http.StatusServiceUnavailable, "unavailable", serviceDown},
	{errTokenEndpoint, http.StatusBadGateway, "provider_unreachable", "Rememberizer could not be reached. Please try again."},
	{errAccountEndpoint, http.StatusBadGateway, "provider_unreachable", "Rememberizer could not be reached. Please try again."},
}

const (
	invalidSignIn = "This sign-in link is not valid in this browser. Please start again."
	serviceDown   = "The service is unavailable right now. Please try again shortly."
)

// internalError is what an error that matches no row of [errorTable]
// gets: it is ours.
var internalError = errorRow{status: http.StatusInternalServerError, slug: "internal_error", message: "Something went wrong on our side."}

// lookupError returns the row of [errorTable] that err matches, with a
// provider error's own slug, status and message filled in.
func lookupError(err error) errorRow {
	for _, r := range errorTable {
		if r.err != nil {
			if errors.Is(err, r.err) {
				return r
			}
			continue
		}
		var pe *ProviderError
		if !errors.As(err, &pe) {
			continue
		}
		r.slug = pe.Code
		for _, p := range providerCodes {
			if p.code != pe.Code {
				continue
			}
			if p.status != 0 {
				r.status = p.status
			}
			if p.message != "" {
				r.message = p.message
			}
		}
		return r
	}
	return internalError
}

// statusFor is the one mapping from an error returned by a [Client]
// operation to an HTTP status that every adapter uses. What is the
// visitor's fault is 4xx; Rememberizer's is 502 or 503; ours is 500.
// A nil error is 200.
func statusFor(err error) int {
	if err == nil {
		return http.StatusOK
	}
	return lookupError(err).status
}

// messageFor is a short, fixed sentence for the person who hit err, safe to
// show in a page: it never contains anything the request or the provider
// sent. A nil error has none.
func messageFor(err error) string {
	if err == nil {
		return ""
	}
	return lookupError(err).message
}

// errorSlug is a stable, machine-readable name for err, used as the
// "error" field of JSON error bodies: a provider error's code, or the
// library's own name such as "not_signed_in" or "internal_error".
func errorSlug(err error) string {
	return lookupError(err).slug
}

// isSignedOut reports whether err means the browser has no usable session
// and must sign in: [ErrNotSignedIn] or an error wrapping it.
func isSignedOut(err error) bool { return errors.Is(err, ErrNotSignedIn) }
