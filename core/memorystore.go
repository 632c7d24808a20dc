package core

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"sync"
	"time"
)

// memoryIDLen is the length of a memory store id in its cookie: 32 random
// bytes, base64url.
const memoryIDLen = 43

// MemoryStoreConfig configures a [MemoryStore].
type MemoryStoreConfig struct {
	// Now is the clock used to expire entries. Optional. Default: time.Now.
	Now func() time.Time
	// SweepEvery is how many saves pass between sweeps of expired entries.
	// Optional. Default: 1024.
	SweepEvery int
}

// MemoryStore is a [Store] that keeps values in this process's memory,
// named by a random 256-bit id in the browser's cookie. Sessions can be
// revoked from the server and can be of any size, but they do not survive
// a restart and are not shared between instances: use it for one process,
// or in tests.
//
// Entries expire after their slot's MaxAge; expired entries are swept
// during saves, with no background goroutine.
type MemoryStore struct {
	now        func() time.Time
	sweepEvery int

	mu      sync.Mutex
	entries map[string]memoryEntry
	saves   int
}

type memoryEntry struct {
	value   []byte
	expires time.Time
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore(cfg ...MemoryStoreConfig) *MemoryStore {
	var c MemoryStoreConfig
	if len(cfg) > 0 {
		c = cfg[0]
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.SweepEvery <= 0 {
		c.SweepEvery = 1024
	}
	return &MemoryStore{now: c.Now, sweepEvery: c.SweepEvery, entries: make(map[string]memoryEntry)}
}

// Len returns the number of entries held, expired or not.
func (m *MemoryStore) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

// validMemoryID reports whether id has the shape of an id this store made,
// so that nothing else is ever used as a key.
func validMemoryID(id string) bool {
	if len(id) != memoryIDLen {
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

// key is the map key of one browser's value in one slot.
func (m *MemoryStore) key(id string, slot Slot) string { return slot.Name + ":" + id }

// Load returns the value named by the slot's cookie, if it has not expired.
func (m *MemoryStore) Load(req Request, slot Slot) ([]byte, error) {
	id := req.Cookie(slot.Name)
	if !validMemoryID(id) {
		return nil, nil
	}
	k := m.key(id, slot)
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[k]
	if !ok {
		return nil, nil
	}
	if !m.now().Before(e.expires) {
		delete(m.entries, k)
		return nil, nil
	}
	return e.value, nil
}

// Save stores value under the browser's id. A new id is made, and sent in
// the slot's cookie, when the slot is Fresh or when the browser's id names
// no live entry: an id this store did not hand out is never adopted.
func (m *MemoryStore) Save(req Request, slot Slot, value []byte) error {
	old := req.Cookie(slot.Name)
	if !validMemoryID(old) {
		old = ""
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return fmt.Errorf("%w: %v", ErrRandom, err)
	}
	v := make([]byte, len(value))
	copy(v, value)

	m.mu.Lock()
	now := m.now()
	id := old
	if id != "" {
		e, ok := m.entries[m.key(id, slot)]
		if !ok || !now.Before(e.expires) || slot.Fresh {
			delete(m.entries, m.key(id, slot))
			id = ""
		}
	}
	if id == "" {
		id = base64.RawURLEncoding.EncodeToString(b[:])
	}
	m.entries[m.key(id, slot)] = memoryEntry{value: v, expires: now.Add(slot.MaxAge)}
	m.saves++
	if m.saves%m.sweepEvery == 0 {
		for k, e := range m.entries {
			if !now.Before(e.expires) {
				delete(m.entries, k)
			}
		}
	}
	m.mu.Unlock()

	// Sent on every save, so the cookie lives as long as the entry.
	req.SetCookie(slot.Cookie(id))
	return nil
}

// Delete removes the browser's value and expires its cookie.
func (m *MemoryStore) Delete(req Request, slot Slot) error {
	if id := req.Cookie(slot.Name); validMemoryID(id) {
		m.mu.Lock()
		delete(m.entries, m.key(id, slot))
		m.mu.Unlock()
	}
	req.SetCookie(slot.ExpiredCookie())
	return nil
}
