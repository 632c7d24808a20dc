package core

import (
	"strings"
	"sync"
	"time"
)

// maxGuardEntries bounds an expiringSet's memory.
const maxGuardEntries = 1 << 16

// expiringSet remembers keys until they expire. The client keeps two: the
// states of finished sign-ins, so a callback replayed with an old cookie
// is refused (S3), and the ids of sessions ended by logout or a new
// sign-in, so an old session cookie no longer loads (S14, S19) even with
// the cookie store. Both are per-process; server-side stores make the same
// guarantees across instances by deleting their records. Keys are random
// values (states, session ids) held only in memory, never logged.
type expiringSet struct {
	mu      sync.Mutex
	entries map[string]time.Time
}

func newExpiringSet() *expiringSet {
	return &expiringSet{entries: make(map[string]time.Time)}
}

// add records key until expires. It reports false if key was already
// present and unexpired at now: the caller lost the race.
func (s *expiringSet) add(key string, now, expires time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if exp, ok := s.entries[key]; ok && now.Before(exp) {
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
			var first string
			var firstExp time.Time
			for k, exp := range s.entries {
				if firstExp.IsZero() || exp.Before(firstExp) {
					first, firstExp = k, exp
				}
			}
			delete(s.entries, first)
		}
	}
	s.entries[strings.Clone(key)] = expires
	return true
}

// has reports whether key is present and unexpired at now.
func (s *expiringSet) has(key string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.entries[key]
	return ok && now.Before(exp)
}
