package core

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// This file is where session records live: in an [adapter.BrowserStore]
// (by default [cookieStore]: the sealed value is the cookie) or in a
// server-side [Store] (the cookie carries a random id; the store keeps the
// sealed value under a hash of it). Both seal every value before it leaves
// the process.

// sessionBackend keeps each browser's sealed session record.
type sessionBackend interface {
	// load returns the plaintext of the browser's record and the key it
	// is stored under ("" in a browser store); nil when none opens. A
	// server-side store that reads several keys at once also brings the
	// mark that may have ended the session (see usermark.go).
	load(req adapter.Request, slot adapter.Slot) (plain []byte, key string, mark markHint, err error)
	// save seals plain and stores it. key is the record's key from load;
	// with slot.Fresh (or no key) a new identity is made and the cookie
	// naming it set; tag is the user's tag it carries (see usermark.go).
	// req may have ended (it says so itself): then only a save that needs
	// no cookie proceeds, and the others return [ErrRequestEnded].
	// Server-side stores use ctx, never req's.
	save(ctx context.Context, req adapter.Request, slot adapter.Slot, key, tag string, plain []byte) error
	// reload returns the record stored under key, for a re-read without
	// the request (a server-side store only; nil otherwise).
	reload(ctx context.Context, key string) ([]byte, error)
	// remove deletes the record and, while req has not ended, expires the
	// cookie.
	remove(ctx context.Context, req adapter.Request, slot adapter.Slot, key string) error
}

// browserBackend keeps records in a [adapter.BrowserStore].
type browserBackend struct {
	store   adapter.BrowserStore
	keys    *keyRing
	inPlace bool // the store decodes a fresh buffer on every Load
}

func (b browserBackend) load(req adapter.Request, slot adapter.Slot) ([]byte, string, markHint, error) {
	raw, err := b.store.Load(req, slot)
	if err != nil || raw == nil {
		return nil, "", markHint{}, err
	}
	plain, err := b.keys.openAD(raw, b.keys.nameAD(slot.Name), b.inPlace)
	if err != nil {
		return nil, "", markHint{}, nil
	}
	return plain, "", markHint{}, nil
}

func (b browserBackend) save(_ context.Context, req adapter.Request, slot adapter.Slot, _, _ string, plain []byte) error {
	if requestEnded(req) {
		return ErrRequestEnded
	}
	sealed, err := b.keys.seal(nil, plain, slot.Name)
	if err != nil {
		return err
	}
	return b.store.Save(req, slot, sealed)
}

func (browserBackend) reload(context.Context, string) ([]byte, error) { return nil, nil }

func (b browserBackend) remove(_ context.Context, req adapter.Request, slot adapter.Slot, _ string) error {
	if requestEnded(req) {
		return ErrRequestEnded
	}
	return b.store.Erase(req, slot)
}

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

// serverIDLen is the length of a server-side record id in its cookie: 32
// random bytes, base64url. The cookie carries the id, a dot and the
// user's tag (16 bytes, base64url), so that the session and the mark that
// may have ended it are read together; a cookie with the id alone (from
// before tags) still loads.
const (
	serverIDLen = 43
	userTagLen  = 22
)

// splitSessionCookie returns the record id and the user's tag a server
// session's cookie carries: "" for a malformed id, tag "" when absent.
func splitSessionCookie(v string) (id, tag string) {
	if len(v) == serverIDLen+1+userTagLen && v[serverIDLen] == '.' {
		v, tag = v[:serverIDLen], v[serverIDLen+1:]
		if !base64URLOnly(tag) {
			tag = ""
		}
	}
	if !validRecordID(v) {
		return "", ""
	}
	return v, tag
}

// serverBackend keeps records in a server-side [Store].
type serverBackend struct {
	store Store
	keys  *keyRing
	c     *client
}

// recordKey is the store key of the record a cookie id names: a hash, so
// that reading the backend yields no usable cookie.
func recordKey(kind, id string) string {
	sum := sha256.Sum256([]byte(id))
	var b [64]byte
	key := append(append(b[:0], kind...), ':')
	return string(base64.RawURLEncoding.AppendEncode(key, sum[:]))
}

// recordAD is the associated data a server-side value is sealed with: its
// key, so a value copied under another key does not open (S26).
func recordAD(key string) []byte { return []byte("rememberizer record\x00" + key) }

func validRecordID(id string) bool { return len(id) == serverIDLen && base64URLOnly(id) }

func base64URLOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (b serverBackend) load(req adapter.Request, slot adapter.Slot) ([]byte, string, markHint, error) {
	id, tag := splitSessionCookie(req.Cookie(slot.Name))
	if id == "" {
		return nil, "", markHint{}, nil
	}
	key := recordKey("session", id)
	var (
		raw  []byte
		mark = markHint{tag: tag}
		err  error
	)
	if mf, ok := b.store.(adapter.MultiFinder); ok && tag != "" && b.c.markStore(markEnded) == b.store {
		// One round trip for the session and the mark of the user the
		// cookie names; whether that is the session's user is checked
		// once the session is open.
		var vals [][]byte
		if vals, err = mf.FindMany(req.Context(), key, markKey(markEnded, tag)); err == nil {
			if len(vals) != 2 {
				return nil, "", markHint{}, fmt.Errorf("FindMany: got %d values for 2 keys", len(vals))
			}
			raw, mark = vals[0], markHint{tag: tag, raw: vals[1], read: true}
		}
	} else {
		raw, _, err = b.store.Find(req.Context(), key)
	}
	if err != nil {
		return nil, "", markHint{}, err
	}
	plain := b.open(key, raw)
	if plain == nil {
		return nil, "", markHint{}, nil
	}
	return plain, key, mark, nil
}

func (b serverBackend) reload(ctx context.Context, key string) ([]byte, error) {
	raw, found, err := b.store.Find(ctx, key)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, nil
	}
	return b.open(key, raw), nil
}

// open returns the plaintext of the value raw stored under key, or nil.
func (b serverBackend) open(key string, raw []byte) []byte {
	if raw == nil {
		return nil
	}
	plain, err := b.keys.openAD(raw, recordAD(key), false)
	if err != nil {
		return nil
	}
	return plain
}

func (b serverBackend) save(ctx context.Context, req adapter.Request, slot adapter.Slot, key, tag string, plain []byte) error {
	if slot.Fresh || key == "" {
		if requestEnded(req) {
			return ErrRequestEnded
		}
		id, err := b.c.randomString(32)
		if err != nil {
			return err
		}
		if old, _ := splitSessionCookie(req.Cookie(slot.Name)); slot.Fresh && old != "" {
			if err := b.store.Delete(ctx, recordKey("session", old)); err != nil {
				return err
			}
		}
		nk := recordKey("session", id)
		if err := b.commit(ctx, nk, plain, slot.MaxAge); err != nil {
			return err
		}
		req.SetCookie(slot.Cookie(id + "." + tag))
		return nil
	}
	// The cookie already names key and expires with the session: it
	// need not be sent again.
	return b.commit(ctx, key, plain, slot.MaxAge)
}

func (b serverBackend) commit(ctx context.Context, key string, plain []byte, ttl time.Duration) error {
	sealed, err := b.keys.sealAD(nil, plain, recordAD(key))
	if err != nil {
		return err
	}
	return b.store.Commit(ctx, key, sealed, max(ttl, time.Second))
}

func (b serverBackend) remove(ctx context.Context, req adapter.Request, slot adapter.Slot, key string) error {
	live := !requestEnded(req)
	if key == "" && live {
		if id, _ := splitSessionCookie(req.Cookie(slot.Name)); id != "" {
			key = recordKey("session", id)
		}
	}
	if key != "" {
		if err := b.store.Delete(ctx, key); err != nil {
			return fmt.Errorf("delete: %w", err)
		}
	}
	if live {
		req.SetCookie(slot.ExpiredCookie())
	}
	return nil
}
