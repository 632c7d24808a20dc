package core

import (
	"context"
	"sync"
	"testing"
	"time"
)

// memClock is a settable clock, safe for concurrent use.
type memClock struct {
	mu  sync.Mutex
	now time.Time
}

func newMemClock() *memClock { return &memClock{now: time.Unix(1_700_000_000, 0)} }

func (c *memClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *memClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestMemoryStoreSweep(t *testing.T) {
	t.Parallel()
	clock := newMemClock()
	m := NewMemoryStore(MemoryStoreConfig{Now: clock.Now, sweepEvery: 4})
	ctx := context.Background()
	for _, k := range []string{"a", "b", "c"} {
		if err := m.Commit(ctx, k, []byte("s"), time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.len(); n != 3 {
		t.Fatalf("Len after 3 commits: got %d, want 3", n)
	}
	clock.Advance(2 * time.Minute)
	if err := m.Commit(ctx, "long", []byte("l"), time.Hour); err != nil { // 4th commit sweeps
		t.Fatal(err)
	}
	if n := m.len(); n != 1 {
		t.Errorf("Len after the sweeping commit: got %d, want 1", n)
	}
}
