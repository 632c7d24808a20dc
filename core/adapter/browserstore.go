package adapter

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// MaxCookieSize is the largest Set-Cookie name and value, with attributes,
// that browsers are required to keep (RFC 6265 §6.1).
const MaxCookieSize = 4096

// ErrCookieTooLarge reports a value that would make a cookie longer than
// browsers keep ([MaxCookieSize] bytes). Apps see it when their sessions
// outgrow the cookie; a server-side core.Store holds any size.
var ErrCookieTooLarge = errors.New("rememberizer: cookie would exceed 4096 bytes")

// BrowserStore is a capability of a core.Store whose values live in, or
// are named by, a cookie it manages itself: the gorilla/sessions bridge in
// package sessionstore. When core.Config.Store has it, core keeps
// sessions through it, with the request at hand, and never calls the
// Store's keyed methods for sessions; such a store cannot be a
// core.Config.GrantStore, which is read outside requests. Values reach it
// already sealed, bound to the slot's name.
//
// Concurrency: a BrowserStore is shared by all requests and must be safe
// for concurrent use. Load must not fail for a missing or malformed cookie:
// it returns nil, nil. Errors are for the backend only (wrap
// core.ErrStoreUnavailable when it cannot be reached).
type BrowserStore interface {
	// Load returns the value saved in slot for the browser making req, or
	// nil, nil when there is none. The caller does not modify the result.
	Load(req Request, slot Slot) ([]byte, error)
	// Save keeps value in slot for this browser for slot.MaxAge, and sets
	// whatever cookie that takes. With slot.Fresh it must store the value
	// under a new identity, so the cookie the browser sent no longer loads
	// anything.
	Save(req Request, slot Slot, value []byte) error
	// Erase removes slot's value for this browser and expires its cookie.
	Erase(req Request, slot Slot) error
}

// Slot names one kind of per-browser state and carries the cookie
// attributes a [BrowserStore] must use for it.
type Slot struct {
	// Name is the cookie's name; it is also bound into the sealed value.
	Name string
	// MaxAge is how long the value lives, and its cookie.
	MaxAge time.Duration
	// Secure is the cookie's Secure attribute.
	Secure bool
	// Fresh asks Save to store the value under a new identity (a new
	// session after sign-in, SECURITY.md S14).
	Fresh bool
}

// Cookie returns the Set-Cookie line that carries value for this slot,
// with the library's attributes (SECURITY.md S13): HttpOnly, Path=/,
// SameSite=Lax, no Domain, Secure when the slot is.
func (s Slot) Cookie(value string) string {
	return cookieLine(s.Name, value, max(int(s.MaxAge/time.Second), 1), s.Secure)
}

// ExpiredCookie returns the Set-Cookie line that deletes this slot's
// cookie, with the same attributes it was set with.
func (s Slot) ExpiredCookie() string {
	return cookieLine(s.Name, "", -1, s.Secure)
}

// cookieLine renders a Set-Cookie header value; maxAge 0 or less deletes
// the cookie. Every adapter writes this exact string.
func cookieLine(name, value string, maxAge int, secure bool) string {
	var b strings.Builder
	b.Grow(len(name) + len(value) + 96)
	b.WriteString(name)
	b.WriteByte('=')
	b.WriteString(value)
	b.WriteString("; Path=/")
	if maxAge > 0 {
		b.WriteString("; Max-Age=")
		b.WriteString(strconv.Itoa(maxAge))
	} else {
		b.WriteString("; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
	}
	b.WriteString("; HttpOnly")
	if secure {
		b.WriteString("; Secure")
	}
	b.WriteString("; SameSite=Lax")
	return b.String()
}
