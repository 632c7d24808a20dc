package core

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
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
//
// Printing a MemoryStore, with any verb or logger, shows none of its keys
// or values.
type MemoryStore struct{ s hidden[memoryStore] }

// memoryStore is what a [MemoryStore] holds.
type memoryStore struct {
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
	_ Store               = (*MemoryStore)(nil)
	_ adapter.MultiFinder = (*MemoryStore)(nil)
	_ adapter.GrantLister = (*MemoryStore)(nil)
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
	return &MemoryStore{s: hide(&memoryStore{now: c.Now, sweepEvery: c.sweepEvery, entries: make(map[string]memoryEntry)})}
}

// len is [MemoryStore.len].
func (m *memoryStore) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

// Find is [MemoryStore.Find].
func (m *memoryStore) Find(_ context.Context, key string) ([]byte, bool, error) {
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

// FindMany is [MemoryStore.FindMany].
func (m *memoryStore) FindMany(ctx context.Context, keys ...string) ([][]byte, error) {
	out := make([][]byte, len(keys))
	for i, k := range keys {
		v, _, _ := m.Find(ctx, k)
		out[i] = v
	}
	return out, nil
}

// ListGrants is [MemoryStore.ListGrants]: the live grants whose keys
// follow cursor (the last key of the previous page), in key order, found
// in one pass over the entries keeping the limit smallest keys.
func (m *memoryStore) ListGrants(_ context.Context, cursor string, limit int) ([]adapter.GrantRecord, string, error) {
	if limit <= 0 {
		return nil, "", fmt.Errorf("%w: ListGrants limit %d is not positive", ErrInvalidConfig, limit)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	keys := make([]string, 0, limit+1)
	more := false
	for k, e := range m.entries {
		if !strings.HasPrefix(k, adapter.GrantKeyPrefix) || k <= cursor || !now.Before(e.expires) {
			continue
		}
		if len(keys) == limit && k > keys[limit-1] {
			more = true
			continue
		}
		i, _ := slices.BinarySearch(keys, k)
		keys = slices.Insert(keys, i, k)
		if len(keys) > limit {
			keys = keys[:limit]
			more = true
		}
	}
	page := make([]adapter.GrantRecord, len(keys))
	for i, k := range keys {
		page[i] = adapter.GrantRecord{Key: k, Value: m.entries[k].value}
	}
	if !more {
		return page, "", nil
	}
	return page, keys[len(keys)-1], nil
}

// Commit is [MemoryStore.Commit].
func (m *memoryStore) Commit(_ context.Context, key string, b []byte, ttl time.Duration) error {
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

// Delete is [MemoryStore.Delete].
func (m *memoryStore) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	delete(m.entries, key)
	m.mu.Unlock()
	return nil
}

// len returns the number of entries held, expired or not.
func (m *MemoryStore) len() int { return m.s.get().len() }

// errZeroMemoryStore is what a MemoryStore not made by [NewMemoryStore]
// answers.
var errZeroMemoryStore = fmt.Errorf("%w: a MemoryStore must be made with core.NewMemoryStore", ErrInvalidConfig)

// state returns what m holds, or an error when m was not made by
// [NewMemoryStore].
func (m *MemoryStore) state() (*memoryStore, error) {
	if st := m.s.get(); st != nil {
		return st, nil
	}
	return nil, errZeroMemoryStore
}

// Find returns the value under key, if it has not expired.
func (m *MemoryStore) Find(ctx context.Context, key string) ([]byte, bool, error) {
	st, err := m.state()
	if err != nil {
		return nil, false, err
	}
	return st.Find(ctx, key)
}

// FindMany returns the values under keys, in order, nil where there is
// none or it has expired.
func (m *MemoryStore) FindMany(ctx context.Context, keys ...string) ([][]byte, error) {
	st, err := m.state()
	if err != nil {
		return nil, err
	}
	return st.FindMany(ctx, keys...)
}

// ListGrants lists the live grants the store holds, a page of at most
// limit at a time, in the order of their keys: the
// [adapter.GrantLister] capability, which [Client.GrantHolders] uses.
// Each page costs one pass over every entry under the store's lock.
func (m *MemoryStore) ListGrants(ctx context.Context, cursor string, limit int) ([]adapter.GrantRecord, string, error) {
	st, err := m.state()
	if err != nil {
		return nil, "", err
	}
	return st.ListGrants(ctx, cursor, limit)
}

// Commit stores b under key for ttl, replacing any value.
func (m *MemoryStore) Commit(ctx context.Context, key string, b []byte, ttl time.Duration) error {
	st, err := m.state()
	if err != nil {
		return err
	}
	return st.Commit(ctx, key, b, ttl)
}

// Delete removes key's value.
func (m *MemoryStore) Delete(ctx context.Context, key string) error {
	st, err := m.state()
	if err != nil {
		return err
	}
	return st.Delete(ctx, key)
}
