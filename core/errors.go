package core

import (
	"errors"
	"fmt"
	"net/http"
)

// Sentinel errors returned by the [Client] operations. Every error a
// [Client] returns wraps one of these or is a [*ProviderError], so callers
// branch with [errors.Is] and [errors.As].
var (
	// ErrInvalidConfig reports a [Config] that cannot work safely; New
	// wraps it with what to fix.
	ErrInvalidConfig = errors.New("rememberizer: invalid config")

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

	// ErrMethodNotAllowed reports a request with the wrong HTTP method for
	// the route (the callback is GET only, logout POST only).
	ErrMethodNotAllowed = errors.New("rememberizer: method not allowed")

	// ErrSignOutNeedsPost reports a logout asked for with GET or another
	// method than POST: a link cannot sign out, a form must post. It
	// wraps ErrMethodNotAllowed.
	ErrSignOutNeedsPost = fmt.Errorf("%w: sign-out needs a POST form", ErrMethodNotAllowed)

	// ErrUnknownRoute reports a path that is none of the auth routes.
	ErrUnknownRoute = errors.New("rememberizer: no such route")

	// ErrInvalidCallback reports a malformed callback query: too long,
	// repeated parameters, or control characters.
	ErrInvalidCallback = errors.New("rememberizer: malformed callback request")

	// ErrNoPendingLogin reports a callback from a browser that holds no
	// pending login (no cookie, or one that does not open).
	ErrNoPendingLogin = errors.New("rememberizer: no sign-in in progress in this browser")

	// ErrStateMismatch reports a callback whose state matches none of this
	// browser's pending logins, or one that was already used.
	ErrStateMismatch = errors.New("rememberizer: state does not match")

	// ErrLoginExpired reports a callback for a pending login older than
	// [Config.LoginTTL].
	ErrLoginExpired = errors.New("rememberizer: sign-in took too long")

	// ErrIssuerMismatch reports a callback whose iss parameter is not the
	// configured issuer.
	ErrIssuerMismatch = errors.New("rememberizer: issuer does not match")

	// ErrMissingCode reports a callback with neither a code nor an error.
	ErrMissingCode = errors.New("rememberizer: callback carries no code")

	// ErrCrossSite reports a logout posted from another site.
	ErrCrossSite = errors.New("rememberizer: cross-site request refused")

	// ErrTokenEndpoint reports a failed call to the token endpoint that
	// carried no OAuth error code: a timeout, a refused connection, a
	// redirect, a body that is not a token.
	ErrTokenEndpoint = errors.New("rememberizer: token endpoint failed")

	// ErrAccountEndpoint reports a failed call to the account endpoint.
	ErrAccountEndpoint = errors.New("rememberizer: account endpoint failed")

	// ErrRefreshUnavailable reports that the access token has expired and
	// could not be refreshed for a passing reason (timeout, 5xx). The
	// session is kept; a later request may succeed.
	ErrRefreshUnavailable = errors.New("rememberizer: token refresh temporarily unavailable")

	// ErrCookieTooLarge reports a value that would make a cookie longer
	// than browsers keep (4096 bytes). Use a server-side [Store].
	ErrCookieTooLarge = errors.New("rememberizer: cookie would exceed 4096 bytes")

	// ErrStore reports a [Store] failure. The request fails closed.
	ErrStore = errors.New("rememberizer: session store failed")

	// ErrStoreUnavailable is what a [Store] wraps when its backend cannot
	// be reached for now; it maps to 503 instead of 500.
	ErrStoreUnavailable = errors.New("rememberizer: session store unavailable")

	// ErrRandom reports a failure of the random source. No weaker
	// randomness is ever used instead.
	ErrRandom = errors.New("rememberizer: random source failed")

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
	ErrForeignHost = errors.New("rememberizer: refusing to send the access token to another host")
)

// ProviderError is an OAuth error reported by Rememberizer, either on the
// callback (error=…) or by the token endpoint. Code is always one of a
// fixed allow-list ("unknown" for anything else); the provider's
// description is never kept, so the error is safe to log and to show.
type ProviderError struct {
	// Code is the OAuth error code, e.g. "access_denied" or "invalid_grant".
	Code string
	// Status is the HTTP status of the token endpoint's answer, or 0 for
	// an error carried by the callback.
	Status int
	// Stage says where the error came from: "callback", "exchange" or
	// "refresh".
	Stage string
}

func (e *ProviderError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("rememberizer: %s: provider error %s (HTTP %d)", e.Stage, e.Code, e.Status)
	}
	return fmt.Sprintf("rememberizer: %s: provider error %s", e.Stage, e.Code)
}

// ErrorCode maps a provider-supplied error code onto the allow-list:
// known codes come back as the same text, anything else as "unknown".
// The result is always one of the library's own constants, never code
// itself, so it stays valid when code is a view into a buffer a framework
// reuses (fasthttp's) and may be kept in a [ProviderError] for good.
func ErrorCode(code string) string {
	switch code {
	case "access_denied":
		return "access_denied"
	case "invalid_request":
		return "invalid_request"
	case "unauthorized_client":
		return "unauthorized_client"
	case "unsupported_response_type":
		return "unsupported_response_type"
	case "invalid_scope":
		return "invalid_scope"
	case "server_error":
		return "server_error"
	case "temporarily_unavailable":
		return "temporarily_unavailable"
	case "invalid_grant":
		return "invalid_grant"
	case "invalid_client":
		return "invalid_client"
	case "unsupported_grant_type":
		return "unsupported_grant_type"
	}
	return "unknown"
}

// StatusFor is the one mapping from an error returned by a [Client]
// operation to an HTTP status that every adapter uses. What is the
// visitor's fault is 4xx; Rememberizer's is 502 or 503; ours is 500.
func StatusFor(err error) int {
	var pe *ProviderError
	switch {
	case err == nil:
		return http.StatusOK
	case errors.Is(err, ErrNotSignedIn):
		return http.StatusUnauthorized
	case errors.Is(err, ErrMethodNotAllowed):
		return http.StatusMethodNotAllowed
	case errors.Is(err, ErrUnknownRoute):
		return http.StatusNotFound
	case errors.Is(err, ErrCrossSite):
		return http.StatusForbidden
	case errors.Is(err, ErrInvalidCallback), errors.Is(err, ErrNoPendingLogin),
		errors.Is(err, ErrStateMismatch), errors.Is(err, ErrLoginExpired),
		errors.Is(err, ErrIssuerMismatch), errors.Is(err, ErrMissingCode):
		return http.StatusBadRequest
	case errors.As(err, &pe):
		switch pe.Code {
		case "access_denied":
			return http.StatusForbidden
		case "temporarily_unavailable":
			return http.StatusServiceUnavailable
		case "invalid_grant":
			// A code that is expired, used, or issued to another browser.
			return http.StatusBadRequest
		}
		return http.StatusBadGateway
	case errors.Is(err, ErrRefreshUnavailable), errors.Is(err, ErrStoreUnavailable):
		return http.StatusServiceUnavailable
	case errors.Is(err, ErrTokenEndpoint), errors.Is(err, ErrAccountEndpoint):
		return http.StatusBadGateway
	}
	return http.StatusInternalServerError
}

// MessageFor is a short, fixed sentence for the person who hit err, safe to
// show in a page: it never contains anything the request or the provider
// sent.
func MessageFor(err error) string {
	var pe *ProviderError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrSessionExpired):
		return "Your session has ended. Please sign in again."
	case errors.Is(err, ErrReauthRequired):
		return "Rememberizer asked for you to sign in again."
	case errors.Is(err, ErrNotSignedIn):
		return "You are not signed in."
	case errors.Is(err, ErrSignOutNeedsPost):
		return `Signing out needs a POST form: use a button in a form with method="post", not a link.`
	case errors.Is(err, ErrMethodNotAllowed):
		return "This address does not accept that kind of request."
	case errors.Is(err, ErrUnknownRoute):
		return "There is nothing at this address."
	case errors.Is(err, ErrCrossSite):
		return "This request came from another site and was refused."
	case errors.Is(err, ErrLoginExpired):
		return "The sign-in took too long. Please start again."
	case errors.Is(err, ErrInvalidCallback), errors.Is(err, ErrNoPendingLogin),
		errors.Is(err, ErrStateMismatch), errors.Is(err, ErrIssuerMismatch), errors.Is(err, ErrMissingCode):
		return "This sign-in link is not valid in this browser. Please start again."
	case errors.As(err, &pe):
		switch pe.Code {
		case "access_denied":
			return "Sign-in was cancelled."
		case "temporarily_unavailable", "server_error":
			return "Rememberizer is unavailable right now. Please try again later."
		case "invalid_grant":
			return "This sign-in could not be completed. Please start again."
		}
		return "Rememberizer could not complete the sign-in."
	case errors.Is(err, ErrRefreshUnavailable), errors.Is(err, ErrStoreUnavailable):
		return "The service is unavailable right now. Please try again shortly."
	case errors.Is(err, ErrTokenEndpoint), errors.Is(err, ErrAccountEndpoint):
		return "Rememberizer could not be reached. Please try again."
	}
	return "Something went wrong on our side."
}

// IsSignedOut reports whether err means the browser has no usable session
// and must sign in: [ErrNotSignedIn] or an error wrapping it.
func IsSignedOut(err error) bool { return errors.Is(err, ErrNotSignedIn) }
