package core

import (
	"context"
	"time"
)

// Store keeps the state bound to one browser: its session, and its
// sign-ins under way. Each kind of state lives in its own [Slot]. Values
// reach a Store already sealed (AES-256-GCM, bound to the slot's name),
// so a Store never sees a token in the clear and needs no keys: it only
// keeps bytes and ties them to the browser, with a cookie that carries
// either the value itself ([CookieStore]) or a random id naming it
// ([MemoryStore], server-side stores).
//
// Concurrency: a Store is shared by all requests and must be safe for
// concurrent use. Requests from one browser may arrive at the same time;
// Save is last-writer-wins, and a Store need not order them. Load must not
// fail for a missing or malformed cookie: it returns nil, nil, and a
// malformed id never reaches a backend. Errors are for the backend only
// (wrap [ErrStoreUnavailable] when it cannot be reached); core then fails
// closed.
type Store interface {
	// Load returns the value saved in slot for the browser making req, or
	// nil, nil when there is none (no cookie, unknown or expired id). The
	// caller does not modify the returned bytes.
	Load(req Request, slot Slot) ([]byte, error)
	// Save keeps value in slot for this browser for slot.MaxAge, and sets
	// whatever cookie that takes. With slot.Fresh it must store the value
	// under a new identity and delete the old one, so the cookie the
	// browser sent no longer loads anything.
	Save(req Request, slot Slot, value []byte) error
	// Delete removes slot's value for this browser and expires its cookie.
	Delete(req Request, slot Slot) error
}

// Slot names one kind of per-browser state and carries the cookie
// attributes a [Store] must use for it.
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

// Cookie returns the cookie that carries value for this slot.
func (s Slot) Cookie(value string) *Cookie {
	return &Cookie{Name: s.Name, Value: value, MaxAge: max(int(s.MaxAge/time.Second), 1), Secure: s.Secure}
}

// ExpiredCookie returns the cookie that deletes this slot's cookie, with
// the same attributes it was set with.
func (s Slot) ExpiredCookie() *Cookie {
	return &Cookie{Name: s.Name, MaxAge: -1, Secure: s.Secure}
}

// Claimer is an optional [Store] capability for stores shared by several
// instances. Claim records key until ttl passes, atomically across every
// instance using the store, and reports whether this call recorded it
// first. Core claims each finished sign-in's state, so a callback replayed
// on another instance, or ten at once, reaches the token endpoint once.
type Claimer interface {
	Claim(ctx context.Context, key string, ttl time.Duration) (first bool, err error)
}

// Locker is an optional [Store] capability for stores shared by several
// instances. Lock waits until it holds the lock named key across every
// instance, or ctx ends, and returns the function that releases it. A lock
// whose holder dies is released by itself after ttl. Core takes a lock per
// session around a token refresh and re-reads the session once it holds
// it, so instances that share a rotating refresh token never spend it twice.
type Locker interface {
	Lock(ctx context.Context, key string, ttl time.Duration) (unlock func(), err error)
}
