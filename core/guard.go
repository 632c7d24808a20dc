package core

import (
	"crypto/sha256"
	"sync"
	"time"
)

// maxGuardEntries bounds an expiringSet's memory.
const maxGuardEntries = 1 << 16

// expiringSet remembers keys until they expire. The client keeps two: the
// states of finished sign-ins, so a callback replayed with an old cookie
// is refused (S3), and the ids of sessions ended by logout or a new
// sign-in, so an old session cookie no longer loads (S14, S19) even with
// the cookie store. Keys are hashed, so no secret is held. Both are
// per-process; server-side stores make the same guarantees across
// instances by deleting their records.
type expiringSet struct {
	mu      sync.Mutex
	entries map[[32]byte]time.Time
}

func newExpiringSet() *expiringSet {
	return &expiringSet{entries: make(map[[32]byte]time.Time)}
}

// add records key until expires. It reports false if key was already
// present and unexpired at now: the caller lost the race.
func (s *expiringSet) add(key string, now, expires time.Time) bool {
	h := sha256.Sum256([]byte(key))
	s.mu.Lock()
	defer s.mu.Unlock()
	if exp, ok := s.entries[h]; ok && now.Before(exp) {
		return false
	}
	if len(s.entries) >= maxGuardEntries {
		for k, exp := range s.entries {
			if !now.Before(exp) {
				delete(s.entries, k)
			}
		}
		// Still full: forget the entry that expires first.
		for len(s.entries) >= maxGuardEntries {
			var first [32]byte
			var firstExp time.Time
			for k, exp := range s.entries {
				if firstExp.IsZero() || exp.Before(firstExp) {
					first, firstExp = k, exp
				}
			}
			delete(s.entries, first)
		}
	}
	s.entries[h] = expires
	return true
}

// has reports whether key is present and unexpired at now.
func (s *expiringSet) has(key string, now time.Time) bool {
	h := sha256.Sum256([]byte(key))
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.entries[h]
	return ok && now.Before(exp)
}
