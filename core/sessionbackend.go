package core

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"
)

// This file is where session records live: in a [BrowserStore] (the
// sealed value is the cookie) or in a server-side [Store] (the cookie
// carries a random id; the store keeps the sealed value under a hash of
// it). Both seal every value before it leaves the process.

// sessionBackend keeps each browser's sealed session record.
type sessionBackend interface {
	// load returns the plaintext of the browser's record and the key it
	// is stored under ("" in a browser store); nil when none opens.
	load(req Request, slot Slot) (plain []byte, key string, err error)
	// save seals plain and stores it. key is the record's key from load;
	// with slot.Fresh (or no key) a new identity is made and the cookie
	// naming it set. req may have ended (it says so itself): then only a
	// save that needs no cookie proceeds, and the others return
	// [ErrRequestEnded]. Server-side stores use ctx, never req's.
	save(ctx context.Context, req Request, slot Slot, key string, plain []byte) error
	// reload returns the record stored under key, for a re-read without
	// the request (a server-side store only; nil otherwise).
	reload(ctx context.Context, key string) ([]byte, error)
	// remove deletes the record and, while req has not ended, expires the
	// cookie.
	remove(ctx context.Context, req Request, slot Slot, key string) error
}

// browserBackend keeps records in a [BrowserStore].
type browserBackend struct {
	store   BrowserStore
	keys    *keyRing
	inPlace bool // the store decodes a fresh buffer on every Load
}

func (b browserBackend) load(req Request, slot Slot) ([]byte, string, error) {
	raw, err := b.store.Load(req, slot)
	if err != nil || raw == nil {
		return nil, "", err
	}
	plain, err := b.keys.openAD(raw, []byte(slot.Name), b.inPlace)
	if err != nil {
		return nil, "", nil
	}
	return plain, "", nil
}

func (b browserBackend) save(_ context.Context, req Request, slot Slot, _ string, plain []byte) error {
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

func (b browserBackend) remove(_ context.Context, req Request, slot Slot, _ string) error {
	if requestEnded(req) {
		return ErrRequestEnded
	}
	return b.store.Delete(req, slot)
}

// serverIDLen is the length of a server-side record id in its cookie: 32
// random bytes, base64url.
const serverIDLen = 43

// serverBackend keeps records in a server-side [Store].
type serverBackend struct {
	store Store
	keys  *keyRing
	c     *Client
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

func validRecordID(id string) bool {
	if len(id) != serverIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (b serverBackend) load(req Request, slot Slot) ([]byte, string, error) {
	id := req.Cookie(slot.Name)
	if !validRecordID(id) {
		return nil, "", nil
	}
	key := recordKey("session", id)
	plain, err := b.reload(req.Context(), key)
	if err != nil || plain == nil {
		return nil, "", err
	}
	return plain, key, nil
}

func (b serverBackend) reload(ctx context.Context, key string) ([]byte, error) {
	raw, found, err := b.store.Find(ctx, key)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, nil
	}
	plain, err := b.keys.openAD(raw, recordAD(key), false)
	if err != nil {
		return nil, nil
	}
	return plain, nil
}

func (b serverBackend) save(ctx context.Context, req Request, slot Slot, key string, plain []byte) error {
	if slot.Fresh || key == "" {
		if requestEnded(req) {
			return ErrRequestEnded
		}
		id, err := b.c.randomString(32)
		if err != nil {
			return err
		}
		if old := req.Cookie(slot.Name); slot.Fresh && validRecordID(old) {
			if err := b.store.Delete(ctx, recordKey("session", old)); err != nil {
				return err
			}
		}
		nk := recordKey("session", id)
		if err := b.commit(ctx, nk, plain, slot.MaxAge); err != nil {
			return err
		}
		req.SetCookie(slot.Cookie(id))
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

func (b serverBackend) remove(ctx context.Context, req Request, slot Slot, key string) error {
	live := !requestEnded(req)
	if key == "" && live {
		if id := req.Cookie(slot.Name); validRecordID(id) {
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
