package core

import (
	"strings"
	"testing"
	"time"
	"unsafe"
)

// guardKey returns a distinct 43-character key, like a state.
func guardKey(i int) string { return pendingState(i) }

// guardKeys returns the keys of s that are present and unexpired at now,
// in the order s would evict them, oldest first.
func guardKeys(s *expiringSet, now time.Time) []string {
	var out []string
	n := len(s.ring)
	for i := 0; i < n; i++ {
		slot := (s.next + i) % n
		if len(s.ring) < s.limit {
			slot = i
		}
		k := s.ring[slot]
		if e, ok := s.entries[k]; ok && e.slot == slot && now.Before(e.expires) {
			out = append(out, k)
		}
	}
	return out
}

func TestExpiringSetAddHas(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	s := newExpiringSetOf(4)
	if s.has(guardKey(1), now) {
		t.Fatal("empty set: got has true, want false")
	}
	if !s.add(guardKey(1), now, now.Add(time.Minute)) {
		t.Fatal("first add: got false, want true")
	}
	tests := []struct {
		name string
		key  string
		at   time.Time
		want bool
	}{
		{"present", guardKey(1), now, true},
		{"just before expiry", guardKey(1), now.Add(time.Minute - time.Nanosecond), true},
		{"at expiry", guardKey(1), now.Add(time.Minute), false},
		{"absent", guardKey(2), now, false},
		{"prefix of a present key", guardKey(1)[:42], now, false},
	}
	for _, tt := range tests {
		if got := s.has(tt.key, tt.at); got != tt.want {
			t.Errorf("%s: has got %v, want %v", tt.name, got, tt.want)
		}
	}
	if s.add(guardKey(1), now.Add(30*time.Second), now.Add(2*time.Minute)) {
		t.Error("add of a present, unexpired key: got true, want false (the caller lost the race)")
	}
	if !s.add(guardKey(1), now.Add(time.Minute), now.Add(2*time.Minute)) {
		t.Error("add of an expired key: got false, want true")
	}
	if !s.has(guardKey(1), now.Add(90*time.Second)) {
		t.Error("key added again: got has false, want true until its new expiry")
	}
}

func TestExpiringSetEvictsOldestFirst(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	far := now.Add(time.Hour)
	s := newExpiringSetOf(4)
	for i := 0; i < 4; i++ {
		s.add(guardKey(i), now, far)
	}
	// Each further key forgets exactly the oldest one, whatever the
	// expiries: key 4 expires first of all, and still outlives key 0.
	for i := 4; i < 11; i++ {
		exp := far.Add(time.Duration(-i) * time.Minute)
		if !s.add(guardKey(i), now, exp) {
			t.Fatalf("add key %d: got false, want true", i)
		}
		want := []string{guardKey(i - 3), guardKey(i - 2), guardKey(i - 1), guardKey(i)}
		if got := guardKeys(s, now); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("after key %d: got %q, want %q", i, got, want)
		}
		if s.has(guardKey(i-4), now) {
			t.Fatalf("after key %d: key %d is still present, want it evicted", i, i-4)
		}
		if len(s.entries) != 4 {
			t.Fatalf("after key %d: got %d entries, want 4", i, len(s.entries))
		}
	}
}

func TestExpiringSetKeyAddedAgainIsNewest(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	s := newExpiringSetOf(4)
	s.add(guardKey(0), now, now.Add(time.Minute))
	s.add(guardKey(1), now, now.Add(time.Hour))
	later := now.Add(2 * time.Minute)
	if !s.add(guardKey(0), later, later.Add(time.Hour)) {
		t.Fatal("add of an expired key: got false, want true")
	}
	s.add(guardKey(2), later, later.Add(time.Hour))
	// The ring is full: its first slot still names key 0, which now lives
	// in the third. Evicting that slot must not forget key 0.
	s.add(guardKey(3), later, later.Add(time.Hour))
	want := []string{guardKey(1), guardKey(0), guardKey(2), guardKey(3)}
	if got := guardKeys(s, later); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i, gone := range []string{guardKey(1), guardKey(0), guardKey(2)} {
		s.add(guardKey(10+i), later, later.Add(time.Hour))
		if s.has(gone, later) {
			t.Fatalf("eviction %d: got %q still present, want it evicted in insertion order", i, gone)
		}
	}
	if !s.has(guardKey(3), later) || len(s.entries) != 4 {
		t.Fatalf("got %d entries (key 3 present: %v), want 4 with key 3", len(s.entries), s.has(guardKey(3), later))
	}
}

// TestExpiringSetAddTouchesOneVictim fills a set at its real capacity with
// keys that have all expired, except the newest. One more add forgets one
// key only: nothing sweeps or scans the set.
func TestExpiringSetAddTouchesOneVictim(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	s := newExpiringSet()
	if s.limit != maxGuardEntries {
		t.Fatalf("limit: got %d, want %d", s.limit, maxGuardEntries)
	}
	for i := 0; i < maxGuardEntries-1; i++ {
		s.add(guardKey(i), now, now.Add(time.Second))
	}
	s.add(guardKey(maxGuardEntries-1), now, now.Add(time.Hour))
	later := now.Add(time.Minute)
	for i := 0; i < 3; i++ {
		k := guardKey(maxGuardEntries + i)
		if !s.add(k, later, later.Add(time.Hour)) {
			t.Fatalf("add %d on a full set: got false, want true", i)
		}
		if got := len(s.entries); got != maxGuardEntries {
			t.Fatalf("add %d on a full set: got %d entries, want %d (one victim out, one key in)", i, got, maxGuardEntries)
		}
		if _, ok := s.entries[guardKey(i)]; ok {
			t.Fatalf("add %d on a full set: the oldest key is still there", i)
		}
		if _, ok := s.entries[guardKey(i+1)]; !ok {
			t.Fatalf("add %d on a full set: the second oldest key is gone, want only one victim", i)
		}
	}
	if !s.has(guardKey(maxGuardEntries-1), later) {
		t.Error("the newest original key: got has false, want true")
	}
}

// TestExpiringSetClonesKeys adds a key that is a view into a buffer the
// caller reuses, as a framework's request buffer is, then overwrites the
// buffer: the set still holds the key it was given.
func TestExpiringSetClonesKeys(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	s := newExpiringSetOf(4)
	buf := []byte(guardKey(1))
	s.add(unsafe.String(&buf[0], len(buf)), now, now.Add(time.Hour))
	copy(buf, guardKey(2))
	if !s.has(guardKey(1), now) {
		t.Error("has(key 1) after the buffer was reused: got false, want true")
	}
	if s.has(guardKey(2), now) {
		t.Error("has(key 2), which was never added: got true, want false")
	}
	for _, k := range s.ring {
		if k != guardKey(1) {
			t.Errorf("ring: got key %q, want %q", k, guardKey(1))
		}
	}
}

// BenchmarkCallbackGuard measures what a code callback spends on the
// used-state guard (one has and one add of a fresh state, as Callback and
// a later replay check do) with a nearly empty guard and with a full one,
// in the same run: the cost must be flat (S24).
func BenchmarkCallbackGuard(b *testing.B) {
	now := time.Unix(1_700_000_000, 0)
	exp := now.Add(defaultLoginTTL)
	keys := make([]string, 2*maxGuardEntries)
	for i := range keys {
		keys[i] = guardKey(i)
	}
	b.Run("empty", func(b *testing.B) {
		b.ReportAllocs()
		s := newExpiringSet()
		for i := 0; i < b.N; i++ {
			if i%1024 == 0 && i > 0 {
				b.StopTimer()
				s = newExpiringSet()
				b.StartTimer()
			}
			k := keys[i%len(keys)]
			if s.has(k, now) || !s.add(k, now, exp) {
				b.Fatal("a fresh state was already present")
			}
		}
	})
	b.Run("full", func(b *testing.B) {
		b.ReportAllocs()
		s := newExpiringSet()
		for _, k := range keys[maxGuardEntries:] {
			s.add(k, now, exp)
		}
		if len(s.entries) != maxGuardEntries {
			b.Fatalf("got %d entries, want a full guard of %d", len(s.entries), maxGuardEntries)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			// Cycling through twice the capacity, every key was evicted
			// before its turn comes again.
			k := keys[i%len(keys)]
			if s.has(k, now) || !s.add(k, now, exp) {
				b.Fatal("a fresh state was already present")
			}
		}
	})
}
