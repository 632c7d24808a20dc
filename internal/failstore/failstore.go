// Package failstore holds stores whose backend is down, for tests of what
// the library and its adapters do when storage fails: [Browser], down from
// the start, and the stores a [Switch] wraps, which go down when the test
// says. (core's own tests cannot import it, as it imports core; they keep
// theirs in one file.)
package failstore

import (
	"context"
	"encoding/base64"
	"errors"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// ErrDown is the error every call of the stores in this package returns.
var ErrDown = errors.New("store backend down")

// Browser is a [core.BrowserStore] whose every call fails with [ErrDown].
type Browser struct{}

var _ BrowserStore = Browser{}

// Load fails with ErrDown.
func (Browser) Load(adapter.Request, adapter.Slot) ([]byte, error) { return nil, ErrDown }

// Save fails with ErrDown.
func (Browser) Save(adapter.Request, adapter.Slot, []byte) error { return ErrDown }

// Delete fails with ErrDown.
func (Browser) Erase(adapter.Request, adapter.Slot) error { return ErrDown }

// Find fails: the store is down.
func (Browser) Find(context.Context, string) ([]byte, bool, error) { return nil, false, ErrDown }

// Commit fails: the store is down.
func (Browser) Commit(context.Context, string, []byte, time.Duration) error { return ErrDown }

// Delete fails: the store is down.
func (Browser) Delete(context.Context, string) error { return ErrDown }

// BrowserStore is a core.Store that keeps its values with the request, as
// Config.Store takes one (the gorilla bridge).
type BrowserStore interface {
	core.Store
	adapter.BrowserStore
}

// Cookie is a [BrowserStore] that keeps each value in its cookie,
// base64url, as core's default store does with the sealed value: it
// stands in for the sealed cookie behind a [Switch], since the cookie
// itself cannot fail. Its keyed methods are never called by core.
type Cookie struct{}

// Load returns the value in slot's cookie, or nil.
func (Cookie) Load(req adapter.Request, slot adapter.Slot) ([]byte, error) {
	b, err := base64.RawURLEncoding.DecodeString(req.Cookie(slot.Name))
	if err != nil || len(b) == 0 {
		return nil, nil
	}
	return b, nil
}

// Save sets slot's cookie to value.
func (Cookie) Save(req adapter.Request, slot adapter.Slot, value []byte) error {
	line := slot.Cookie(base64.RawURLEncoding.EncodeToString(value))
	if len(line) > adapter.MaxCookieSize {
		return adapter.ErrCookieTooLarge
	}
	req.SetCookie(line)
	return nil
}

// Erase expires slot's cookie.
func (Cookie) Erase(req adapter.Request, slot adapter.Slot) error {
	req.SetCookie(slot.ExpiredCookie())
	return nil
}

// Find fails: values live in cookies.
func (Cookie) Find(context.Context, string) ([]byte, bool, error) { return nil, false, errKeyed }

// Commit fails: values live in cookies.
func (Cookie) Commit(context.Context, string, []byte, time.Duration) error { return errKeyed }

// Delete fails: values live in cookies.
func (Cookie) Delete(context.Context, string) error { return errKeyed }

// errKeyed is what a browser store's keyed methods answer.
var errKeyed = errors.New("failstore: keyed call to a store that keeps values with the request")
