package core

import (
	"encoding/base64"
	"fmt"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// cookieStore is the default session store, an [adapter.BrowserStore]: each slot's sealed value
// lives in the browser, in a cookie of its own, base64url-encoded. It needs no
// infrastructure, survives restarts, and works across instances that share
// [Config.SessionKeys]. With a [Config.GrantStore] the session cookie
// carries identity and a reference only, not tokens.
//
// Its limits: a session cannot be revoked everywhere from the server (a
// [Client] refuses sessions it ended itself, within its own process), and
// everything must fit 4096 bytes per cookie; Save reports
// [adapter.ErrCookieTooLarge] rather than letting the browser drop the cookie.
//
// The zero value is ready to use and safe for concurrent use.
type cookieStore struct{}

var _ adapter.BrowserStore = cookieStore{}

// strictBase64 decodes only canonical unpadded base64url. It is never
// changed after start-up.
var strictBase64 = base64.RawURLEncoding.Strict()

// Load returns the decoded cookie value, or nil when there is none or it
// is not base64url.
func (cookieStore) Load(req adapter.Request, slot adapter.Slot) ([]byte, error) {
	v := req.Cookie(slot.Name)
	if v == "" {
		return nil, nil
	}
	// Strict: only the one canonical spelling of a value decodes, so a
	// cookie with different text never opens as the same record.
	b, err := strictBase64.DecodeString(v)
	if err != nil {
		return nil, nil
	}
	return b, nil
}

// Save sets the slot's cookie to value, or fails with adapter.ErrCookieTooLarge.
func (cookieStore) Save(req adapter.Request, slot adapter.Slot, value []byte) error {
	c := slot.Cookie(base64.RawURLEncoding.EncodeToString(value))
	if n := len(c); n > adapter.MaxCookieSize {
		return fmt.Errorf("%w: cookie %s would be %d bytes", adapter.ErrCookieTooLarge, slot.Name, n)
	}
	req.SetCookie(c)
	return nil
}

// Erase expires the slot's cookie.
func (cookieStore) Erase(req adapter.Request, slot adapter.Slot) error {
	req.SetCookie(slot.ExpiredCookie())
	return nil
}
