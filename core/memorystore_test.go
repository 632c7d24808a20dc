package core

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/internal/testclock"
)

// newMemClock is a settable clock, safe for concurrent use.
func newMemClock() *testclock.Clock { return testclock.New(time.Unix(1_700_000_000, 0)) }

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

// TestZeroMemoryStore: a MemoryStore not made by NewMemoryStore answers
// every call with an error that says how to make one, and never panics.
func TestZeroMemoryStore(t *testing.T) {
	t.Parallel()
	var m MemoryStore
	ctx := context.Background()
	_, _, findErr := m.Find(ctx, "k")
	_, manyErr := m.FindMany(ctx, "k")
	for name, err := range map[string]error{
		"Find": findErr, "FindMany": manyErr,
		"Commit": m.Commit(ctx, "k", []byte("v"), time.Minute),
		"Delete": m.Delete(ctx, "k"),
	} {
		if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), "NewMemoryStore") {
			t.Errorf("%s: got %v, want an ErrInvalidConfig naming NewMemoryStore", name, err)
		}
	}
}
