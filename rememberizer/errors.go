package rememberizer

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinel errors. Errors from the API are [*Error] values, which match
// ErrUnauthorized, ErrForbidden, ErrNotFound and ErrRateLimited with
// [errors.Is] according to their status.
var (
	// ErrUnauthorized matches an [*Error] with status 401: the token or
	// API key is missing, unknown, expired or revoked.
	ErrUnauthorized = errors.New("rememberizer: unauthorized")

	// ErrForbidden matches an [*Error] with status 403.
	ErrForbidden = errors.New("rememberizer: forbidden")

	// ErrNotFound matches an [*Error] with status 404.
	ErrNotFound = errors.New("rememberizer: not found")

	// ErrRateLimited matches an [*Error] with status 429, returned once
	// the retries are spent (or at once for a POST).
	ErrRateLimited = errors.New("rememberizer: rate limited")

	// ErrInvalidConfig reports a [Config] [New] refuses.
	ErrInvalidConfig = errors.New("rememberizer: invalid config")

	// ErrInvalidArgument reports an argument the client refuses before
	// sending anything, such as an empty search query or memorize name.
	ErrInvalidArgument = errors.New("rememberizer: invalid argument")

	// ErrForeignHost reports a URL (a next link, a redirect) that points to
	// another origin than the base URL's. The client never follows one, so
	// credentials never reach another host.
	ErrForeignHost = errors.New("rememberizer: URL points to another host")

	// ErrResponseTooLarge reports a response body over
	// [Config.MaxResponseBytes], or holding more JSON values than
	// [Config.MaxResponseValues].
	ErrResponseTooLarge = errors.New("rememberizer: response too large")

	// ErrUploadTooLarge reports an [Upload] over [Config.MaxUploadBytes].
	ErrUploadTooLarge = errors.New("rememberizer: upload too large")

	// ErrTooManyPages reports a list that went on for more than
	// [Config.MaxPages] pages.
	ErrTooManyPages = errors.New("rememberizer: too many pages")

	// ErrPageCycle reports a list whose server sent a next link (or
	// cursor) it had sent before: following it would never end.
	ErrPageCycle = errors.New("rememberizer: next link seen before")

	// ErrBadResponse reports a response that could not be decoded.
	ErrBadResponse = errors.New("rememberizer: malformed response")
)

// maxDetail caps how much of the server's message an [*Error] keeps.
const maxDetail = 300

// Error is an error answer from the Rememberizer API: a non-2xx status, or
// a 2xx body carrying an "error" field.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Method and Path say which call failed (the path without its query).
	Method, Path string
	// Detail is the server's message: DRF's "detail", an "error" field, or
	// "message", else a JSON object body as it is (DRF's field errors,
	// {"name": ["This field is required."]}). Control characters are removed and it is capped at 300
	// bytes.
	Detail string
	// Code is the server's "code" field, if any.
	Code string
	// RetryAfter is the Retry-After header as sent, if any.
	RetryAfter string
}

// Error describes the failure: call, status and the server's message.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rememberizer: %s %s: HTTP %d", e.Method, e.Path, e.StatusCode)
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Is reports whether target is the sentinel for e's status.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	}
	return false
}

// IsUnauthorized reports whether err is (or wraps) a 401 from the API.
func IsUnauthorized(err error) bool { return errors.Is(err, ErrUnauthorized) }

// IsForbidden reports whether err is (or wraps) a 403 from the API.
func IsForbidden(err error) bool { return errors.Is(err, ErrForbidden) }

// IsNotFound reports whether err is (or wraps) a 404 from the API.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// IsRateLimited reports whether err is (or wraps) a 429 from the API.
func IsRateLimited(err error) bool { return errors.Is(err, ErrRateLimited) }

// cleanDetail removes control characters from s and caps its length, so a
// server's message cannot split a log line or flood it.
func cleanDetail(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
	if len(s) > maxDetail {
		cut := maxDetail
		for cut > 0 && s[cut]&0xc0 == 0x80 { // do not split a UTF-8 sequence
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
