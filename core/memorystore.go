package core

import (
	"context"
	"strings"
	"sync"
	"time"
)

// MemoryStoreConfig configures a [MemoryStore].
type MemoryStoreConfig struct {
	// Now is the clock used to expire entries. Optional. Default: time.Now.
	Now func() time.Time
	// sweepEvery is how many commits pass between sweeps of expired
	// entries; 0 means 1024. Only this package's tests change it.
	sweepEvery int
}

// MemoryStore is a [Store] that keeps values in this process's memory.
// Sessions kept in it can be revoked from the server and can be of any
// size, and grants kept in it serve background jobs, but nothing survives
// a restart or is shared between instances: use it for one process, or in
// tests.
//
// Entries expire after their TTL, on the store's own clock; expired entries are swept during
// commits, with no background goroutine. Core writes to it only for
// browsers that signed in, never for anonymous visitors.
type MemoryStore struct {
	now        func() time.Time
	sweepEvery int

	mu      sync.Mutex
	entries map[string]memoryEntry
	commits int
}

type memoryEntry struct {
	value   []byte
	expires time.Time
}

var (
	_ Store       = (*MemoryStore)(nil)
	_ MultiFinder = (*MemoryStore)(nil)
)

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore(cfg ...MemoryStoreConfig) *MemoryStore {
	var c MemoryStoreConfig
	if len(cfg) > 0 {
		c = cfg[0]
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.sweepEvery <= 0 {
		c.sweepEvery = 1024
	}
	return &MemoryStore{now: c.Now, sweepEvery: c.sweepEvery, entries: make(map[string]memoryEntry)}
}

// len returns the number of entries held, expired or not.
func (m *MemoryStore) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

// Find returns the value under key, if it has not expired.
func (m *MemoryStore) Find(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[key]
	if !ok {
		return nil, false, nil
	}
	if !m.now().Before(e.expires) {
		delete(m.entries, key)
		return nil, false, nil
	}
	return e.value, true, nil
}

// FindMany returns the values under keys, nil for those with none.
func (m *MemoryStore) FindMany(ctx context.Context, keys ...string) ([][]byte, error) {
	out := make([][]byte, len(keys))
	for i, k := range keys {
		v, _, _ := m.Find(ctx, k)
		out[i] = v
	}
	return out, nil
}

// Commit stores a copy of b under key for ttl.
func (m *MemoryStore) Commit(_ context.Context, key string, b []byte, ttl time.Duration) error {
	v := make([]byte, len(b))
	copy(v, b)
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	m.entries[strings.Clone(key)] = memoryEntry{value: v, expires: now.Add(ttl)}
	m.commits++
	if m.commits%m.sweepEvery == 0 {
		for k, e := range m.entries {
			if !now.Before(e.expires) {
				delete(m.entries, k)
			}
		}
	}
	return nil
}

// Delete removes key's value.
func (m *MemoryStore) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	delete(m.entries, key)
	m.mu.Unlock()
	return nil
}
