package bench

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// storeReads counts a client's round trips to its server-side stores,
// each apart: its Store (sessions, and the marks that end a user's
// sessions everywhere, read with the session in one round trip) and its
// GrantStore (grants, and those marks when there is no Store).
type storeReads struct {
	store, grants storeCounter
}

// trips is a number of round trips: reads, and everything else (writes,
// deletes, claims, locks).
type trips struct {
	finds, others int64
}

// total returns the round trips to both stores so far.
func (r *storeReads) total() trips {
	s, g := r.store.load(), r.grants.load()
	return trips{finds: s.finds + g.finds, others: s.others + g.others}
}

// storeCounter counts the calls to one store.
type storeCounter struct {
	finds, others atomic.Int64
}

func (n *storeCounter) load() trips { return trips{n.finds.Load(), n.others.Load()} }

// count returns s with its calls counted in n; nil (the cookie store)
// stays nil. A store shared by instances keeps its Claimer and Locker
// capabilities, which core finds by type assertion.
func (n *storeCounter) count(s core.Store) core.Store {
	switch s := s.(type) {
	case nil:
		return nil
	case sharedStore:
		return countedShared{counted{s, n}, s}
	default:
		return counted{s, n}
	}
}

// sharedStore is a store with the capabilities of one shared by several
// instances (redisstore).
type sharedStore interface {
	core.Store
	core.Claimer
	core.Locker
}

// counted is a store whose calls are counted.
type counted struct {
	core.Store
	n *storeCounter
}

func (c counted) Find(ctx context.Context, key string) ([]byte, bool, error) {
	c.n.finds.Add(1)
	return c.Store.Find(ctx, key)
}

func (c counted) Commit(ctx context.Context, key string, b []byte, ttl time.Duration) error {
	c.n.others.Add(1)
	return c.Store.Commit(ctx, key, b, ttl)
}

func (c counted) Delete(ctx context.Context, key string) error {
	c.n.others.Add(1)
	return c.Store.Delete(ctx, key)
}

// FindMany is one round trip where the store reads several keys at once
// (every store here does), one per key otherwise.
func (c counted) FindMany(ctx context.Context, keys ...string) ([][]byte, error) {
	if mf, ok := c.Store.(adapter.MultiFinder); ok {
		c.n.finds.Add(1)
		return mf.FindMany(ctx, keys...)
	}
	out := make([][]byte, len(keys))
	for i, k := range keys {
		c.n.finds.Add(1)
		v, _, err := c.Store.Find(ctx, k)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// countedShared is a counted store that is also a Claimer and a Locker.
type countedShared struct {
	counted
	shared sharedStore
}

func (c countedShared) Claim(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	c.n.others.Add(1)
	return c.shared.Claim(ctx, key, ttl)
}

func (c countedShared) Lock(ctx context.Context, key string, ttl time.Duration) (func(), error) {
	c.n.others.Add(1)
	return c.shared.Lock(ctx, key, ttl)
}

// TestStoreReadsPerRequest holds each store kind to the store round trips
// BENCHMARKS.md states for one protected request whose access token is
// not near expiry, on every framework and payload: the session and the
// user's "ended everywhere" mark in one round trip with a server-side
// Store (the session cookie names both); the mark alone in the GrantStore
// when sessions are in cookies; nothing with sessions only in cookies. The
// tokens themselves are not read: with a grant store the session carries
// the access token's expiry. Nothing is written.
func TestStoreReadsPerRequest(t *testing.T) {
	type reads struct{ store, grants int64 }
	want := map[string]reads{
		"cookie":      {0, 0},
		"memory":      {1, 0}, // session and mark, together
		"redis":       {1, 0}, // session and mark: one MGET, one round trip
		"grant":       {0, 1}, // mark
		"redis-grant": {1, 0}, // session and mark, together, in the Store
	}
	const requests = 3
	for _, fw := range frameworks {
		for _, kind := range storeKinds {
			for _, p := range provider.Payloads {
				t.Run(fw.name+"/"+kind+"/"+p.Name, func(t *testing.T) {
					c, n := clientFor(t, p, kind)
					serve := fw.protected(t, c, signIn(t, c))
					s0, g0 := n.store.load(), n.grants.load()
					for range requests {
						serve()
					}
					s, g := n.store.load(), n.grants.load()
					got := reads{s.finds - s0.finds, g.finds - g0.finds}
					if w := want[kind]; got != (reads{w.store * requests, w.grants * requests}) {
						t.Errorf("Store and GrantStore reads over %d requests: got %d and %d, want %d and %d",
							requests, got.store, got.grants, w.store*requests, w.grants*requests)
					}
					if o := s.others - s0.others + g.others - g0.others; o != 0 {
						t.Errorf("other store calls (writes, deletes, locks) over %d requests: got %d, want 0", requests, o)
					}
				})
			}
		}
	}
}
