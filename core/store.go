package core

import (
	"context"
	"time"
)

// Store is a server-side byte store: the shape of alexedwards/scs's
// stores, in standard-library types. Core keeps sessions in it when
// [Config.Store] is set, and users' grants when [Config.GrantStore] is.
// Core owns everything else: it makes the random ids the browser's cookie
// carries, derives the keys (hashes, so reading the backend yields no
// usable cookie), rotates ids at sign-in, and seals every value with
// AES-256-GCM bound to its key before a Store sees it. A Store only keeps
// bytes until they expire.
//
// Concurrency: a Store is shared by all requests (and instances) and must
// be safe for concurrent use. Commit is last-writer-wins. Errors are for
// the backend only; wrap [ErrStoreUnavailable] when it cannot be reached,
// and core fails closed.
type Store interface {
	// Find returns the value committed under key, with found false when
	// there is none or it has expired. The caller does not modify b.
	Find(ctx context.Context, key string) (b []byte, found bool, err error)
	// Commit stores b under key for ttl, replacing any value. (A
	// duration rather than scs's absolute expiry: the store measures it on
	// its own clock, so it never depends on the caller's.)
	Commit(ctx context.Context, key string, b []byte, ttl time.Duration) error
	// Delete removes key's value; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

// Claimer is an optional [Store] capability for stores shared by several
// instances. Claim records key until ttl passes, atomically across every
// instance using the store, and reports whether this call recorded it
// first. Core claims each sign-in's state just before it exchanges the
// code, so a callback replayed on another instance, or ten at once, reaches
// the token endpoint once.
type Claimer interface {
	Claim(ctx context.Context, key string, ttl time.Duration) (first bool, err error)
}

// Locker is an optional [Store] capability for stores shared by several
// instances. Lock waits until it holds the lock named key across every
// instance, or ctx ends, and returns the function that releases it. A lock
// whose holder dies is released by itself after ttl. Core takes a lock per
// session (or per grant) around a token refresh, with a ttl longer than
// the longest token request its HTTP client allows, and re-reads the
// stored tokens once it holds it, so instances that share a rotating
// refresh token never spend it twice.
type Locker interface {
	Lock(ctx context.Context, key string, ttl time.Duration) (unlock func(), err error)
}
