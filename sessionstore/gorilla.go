package sessionstore

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/sessions"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Keys of a gorilla session's Values that hold core's sealed value and
// the time it expires (Unix nanoseconds).
const (
	valueKey   = "rememberizer"
	expiresKey = "rememberizer_expires"
)

// errNoStore is returned by every method of a GorillaStore made without a
// gorilla store.
var errNoStore = errors.New("sessionstore: NewGorillaStore was given no gorilla sessions.Store")

// GorillaConfig configures a [GorillaStore].
type GorillaConfig struct {
	// Now is the clock that expires values. Optional. Default: time.Now.
	Now func() time.Time
}

// GorillaStore keeps core's sealed values in a gorilla/sessions store:
// sessions.CookieStore, sessions.FilesystemStore, or any third-party store
// implementing sessions.Store. Apps that already keep their sessions in
// gorilla can keep Rememberizer sign-ins there too: set it as
// [core.Config.Store].
//
// A gorilla store reads and writes through the request (its cookie names
// or holds the value), so GorillaStore is a [core.Store] whose values
// live with the request: core uses it through [adapter.BrowserStore],
// with the request at hand, and never by key. Its keyed methods (Find,
// Commit, Delete) fail with an error wrapping [core.ErrInvalidConfig], and
// [core.New] refuses it as a [core.Config.GrantStore], which is read
// outside requests.
//
// Each slot is a gorilla session of its own, named like the slot's cookie,
// holding the sealed value (already AES-256-GCM sealed by core, bound to
// the slot's name) and its expiry. Nothing converts whole requests: the
// store sees a minimal *http.Request carrying only the slot's cookie and
// the request's context, so it works under every adapter, fibermw
// included.
//
// Cookies follow core's rules, not gorilla's: the session's Options are
// set from the slot on every save (Path=/, HttpOnly, SameSite=Lax, no
// Domain, Secure as core decides, Max-Age from the slot), overriding
// gorilla's defaults (no HttpOnly; SameSite=None for CookieStore), and the
// Set-Cookie the browser gets is always core's own, carrying the value the
// gorilla store encoded.
//
// A cookie gorilla cannot decode (tampered, foreign keys, expired by
// securecookie's MaxAge) and a record that no longer exists load nothing,
// never an error. Other errors from the store are returned, wrapping
// [core.ErrStoreUnavailable] when they are network errors, and core fails
// closed.
//
// Its limits:
//   - Speed. Every Load and Save goes through gorilla: gob encoding and
//     securecookie (HMAC-SHA256, AES-CTR with a block key) on top of core's
//     own sealing, and for Save a decode of the old cookie as well. That
//     is some two orders of magnitude slower than core's own stores: tens
//     of microseconds and a few hundred allocations per Load, against well
//     under a microsecond (BenchmarkStores in this package compares them).
//   - Size. securecookie refuses encoded values over its MaxLength, 4096
//     bytes by default. With sessions.CookieStore that is the cookie: a
//     sealed value over about 2 KB does not fit (3 KB with core's own
//     default cookie store). With sessions.FilesystemStore it is the file as
//     well, until FilesystemStore.MaxLength raises it. Save reports
//     [adapter.ErrCookieTooLarge] either way.
//   - Expiry. securecookie's MaxAge (the gorilla store's MaxAge, 30 days by
//     default) is one setting for the whole store, so this store keeps
//     each value's expiry beside it and enforces the slot's MaxAge itself.
//     Keep the gorilla store's MaxAge at least [core.Config.SessionLifetime],
//     or sessions end early.
//   - Clean-up. sessions.FilesystemStore never deletes expired files by
//     itself: run a job that removes session_* files not modified for
//     longer than the session lifetime. Files of sessions that were deleted, or replaced at
//     sign-in, are removed at once.
//   - Revocation. Deleting a session, and signing in again, delete the
//     server-side record in stores that implement a save with MaxAge -1 as
//     a delete (FilesystemStore does; check a third-party store). With
//     sessions.CookieStore the value lives in the cookie, and a copy of it
//     stays valid until it expires, except in the process that ended it.
//   - Instances. GorillaStore is neither a [core.Claimer] nor a
//     [core.Locker]: across instances, single-use sign-ins and one refresh
//     per session at a time rest on per-process guards only, so a replayed
//     callback may reach the token endpoint once per instance, and two
//     instances may spend the same rotating refresh token. For many
//     instances use package redisstore.
//
// A GorillaStore is safe for concurrent use if its gorilla store is (the
// gorilla stores are).
type GorillaStore struct {
	store sessions.Store
	now   func() time.Time
}

var (
	_ core.Store           = (*GorillaStore)(nil)
	_ adapter.BrowserStore = (*GorillaStore)(nil)
)

// errKeyed is what the keyed methods return: a GorillaStore has no keys.
var errKeyed = fmt.Errorf("%w: a sessionstore.GorillaStore keeps its values with the browser's request and has no keys: use it as Config.Store only", core.ErrInvalidConfig)

// Find fails: values live with the request (see [GorillaStore]).
func (g *GorillaStore) Find(context.Context, string) ([]byte, bool, error) {
	return nil, false, errKeyed
}

// Commit fails: values live with the request (see [GorillaStore]).
func (g *GorillaStore) Commit(context.Context, string, []byte, time.Duration) error {
	return errKeyed
}

// Delete fails: values live with the request (see [GorillaStore]).
func (g *GorillaStore) Delete(context.Context, string) error { return errKeyed }

// NewGorillaStore returns a GorillaStore keeping values in store. Configure
// store's keys as gorilla documents them; its Options are not used.
func NewGorillaStore(store sessions.Store, cfg ...GorillaConfig) *GorillaStore {
	var c GorillaConfig
	if len(cfg) > 0 {
		c = cfg[0]
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return &GorillaStore{store: store, now: c.Now}
}

// Load returns the value in the gorilla session the slot's cookie names,
// or nil when there is none, gorilla cannot decode it, or it has expired.
func (g *GorillaStore) Load(req adapter.Request, slot adapter.Slot) ([]byte, error) {
	s, _, err := g.existing(req, slot)
	if err != nil || s == nil {
		return nil, err
	}
	v, ok := g.live(s)
	if !ok {
		return nil, nil
	}
	return v, nil
}

// Save stores value in the browser's gorilla session for slot.MaxAge, and
// sets the slot's cookie to what the gorilla store encoded. The session is
// reused only when it is live and the slot is not Fresh; otherwise the old
// one is deleted and the gorilla store starts a new one, with a new id in
// server-side stores (SECURITY.md S14).
func (g *GorillaStore) Save(req adapter.Request, slot adapter.Slot, value []byte) error {
	s, r, err := g.existing(req, slot)
	if err != nil {
		return err
	}
	if s != nil {
		if _, live := g.live(s); slot.Fresh || !live {
			// Never revive an expired record, and after sign-in make
			// sure the cookie the browser sent loads nothing.
			if err := g.erase(r, s, slot); err != nil {
				return err
			}
			s = nil
		}
	}
	if s == nil {
		r = newRequest(req.Context(), "", "")
		if s, err = g.store.New(r, slot.Name); err != nil || s == nil {
			return storeError("new session", err)
		}
	}
	v := make([]byte, len(value))
	copy(v, value)
	s.Values = map[any]any{valueKey: v, expiresKey: g.now().Add(slot.MaxAge).UnixNano()}
	s.Options = cookieOptions(slot, max(int(slot.MaxAge/time.Second), 1))

	w := &capture{header: make(http.Header, 1)}
	if err := g.store.Save(r, w, s); err != nil {
		if tooLong(err) {
			return fmt.Errorf("%w: gorilla store refused slot %s over securecookie's MaxLength: %v", adapter.ErrCookieTooLarge, slot.Name, err)
		}
		return storeError("save", err)
	}
	encoded, ok := w.cookie(slot.Name)
	if !ok {
		return fmt.Errorf("sessionstore: gorilla store set no usable cookie %s", slot.Name)
	}
	c := slot.Cookie(encoded)
	if n := len(c); n > adapter.MaxCookieSize {
		return fmt.Errorf("%w: cookie %s would be %d bytes", adapter.ErrCookieTooLarge, slot.Name, n)
	}
	req.SetCookie(c)
	return nil
}

// Erase deletes the browser's gorilla session (server-side stores remove
// their record) and expires the slot's cookie.
func (g *GorillaStore) Erase(req adapter.Request, slot adapter.Slot) error {
	s, r, err := g.existing(req, slot)
	if err != nil {
		return err
	}
	if s != nil {
		if err := g.erase(r, s, slot); err != nil {
			return err
		}
	}
	req.SetCookie(slot.ExpiredCookie())
	return nil
}

// existing returns the gorilla session the slot's cookie names and the
// request it was read from, or a nil session when there is none that the
// gorilla store can decode and find.
func (g *GorillaStore) existing(req adapter.Request, slot adapter.Slot) (*sessions.Session, *http.Request, error) {
	if g.store == nil {
		return nil, nil, errNoStore
	}
	v := req.Cookie(slot.Name)
	if !validCookieValue(v) {
		// Nothing gorilla made: it never reaches the store.
		return nil, nil, nil
	}
	r := newRequest(req.Context(), slot.Name, v)
	s, err := g.store.New(r, slot.Name)
	switch {
	case err == nil && s != nil && !s.IsNew:
		return s, r, nil
	case err == nil || nothingStored(err):
		return nil, nil, nil
	}
	return nil, nil, storeError("load", err)
}

// live returns the sealed value in s, and whether it is there and has not
// expired.
func (g *GorillaStore) live(s *sessions.Session) ([]byte, bool) {
	v, ok := s.Values[valueKey].([]byte)
	exp, ok2 := s.Values[expiresKey].(int64)
	if !ok || !ok2 || len(v) == 0 {
		return nil, false
	}
	return v, g.now().Before(time.Unix(0, exp))
}

// erase saves s empty with MaxAge -1, which gorilla's server-side stores
// implement as deleting their record. What it writes is discarded: the
// caller sets core's own cookie.
func (g *GorillaStore) erase(r *http.Request, s *sessions.Session, slot adapter.Slot) error {
	s.Values = map[any]any{}
	s.Options = cookieOptions(slot, -1)
	if err := g.store.Save(r, &capture{header: make(http.Header, 1)}, s); err != nil {
		return storeError("delete", err)
	}
	return nil
}

// cookieOptions are the gorilla Options for slot: core's cookie attributes
// (SECURITY.md S13), whatever the gorilla store's defaults.
func cookieOptions(slot adapter.Slot, maxAge int) *sessions.Options {
	return &sessions.Options{
		Path:     "/",
		MaxAge:   maxAge,
		Secure:   slot.Secure,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	}
}
