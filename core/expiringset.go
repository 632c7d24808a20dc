package core

import (
	"strings"
	"sync"
	"time"
)

// maxGuardEntries bounds an expiringSet's memory.
const maxGuardEntries = 1 << 16

// expiringSet remembers keys until they expire. The client keeps two: the
// states of sign-ins that went on to exchange a code, so a callback
// replayed with an old cookie is refused (S3), and the ids of sessions
// ended by logout or a new sign-in, so an old session cookie no longer
// loads (S14, S19) even with the cookie store. Both are per-process;
// server-side stores make the same guarantees across instances by deleting
// their records. Keys are random values (states, session ids) held only in
// memory, never logged.
//
// The set holds at most limit keys. Keys are also kept in a ring in the
// order they were added; when the set is full, adding a key forgets the
// oldest one, the one the ring's next slot holds. Nothing ever scans the
// set: add and has cost one map look-up and at most one eviction whether
// the set is empty or full (S24). Expired keys are not swept; they wait
// for their slot like any other.
type expiringSet struct {
	mu      sync.Mutex
	limit   int
	entries map[string]guardEntry
	ring    []string // keys in insertion order, oldest at next once full
	next    int      // the ring slot the next key goes in
}

// guardEntry is a key's expiry and the ring slot that holds it. A key
// added again after it expired moves to a new slot; its old slot, when
// its turn comes, no longer matches and evicts nothing.
type guardEntry struct {
	expires time.Time
	slot    int
}

func newExpiringSet() *expiringSet {
	return newExpiringSetOf(maxGuardEntries)
}

// newExpiringSetOf returns a set holding at most limit keys (limit >= 1).
func newExpiringSetOf(limit int) *expiringSet {
	return &expiringSet{limit: limit, entries: make(map[string]guardEntry)}
}

// add records key until expires. It reports false if key was already
// present and unexpired at now: the caller lost the race.
func (s *expiringSet) add(key string, now, expires time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.entries[key]; ok && now.Before(e.expires) {
		return false
	}
	key = strings.Clone(key)
	if len(s.ring) < s.limit {
		s.entries[key] = guardEntry{expires: expires, slot: len(s.ring)}
		s.ring = append(s.ring, key)
		return true
	}
	// Full: the next slot holds the oldest key; forget it, if that slot
	// is still its own.
	victim := s.ring[s.next]
	if e, ok := s.entries[victim]; ok && e.slot == s.next {
		delete(s.entries, victim)
	}
	s.ring[s.next] = key
	s.entries[key] = guardEntry{expires: expires, slot: s.next}
	s.next++
	if s.next == s.limit {
		s.next = 0
	}
	return true
}

// has reports whether key is present and unexpired at now.
func (s *expiringSet) has(key string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[key]
	return ok && now.Before(e.expires)
}
