package redisstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/internal/redistest"
)

// The index sets of grants do not keep expired grants: a commit and each
// page of a listing drop them, so the sets hold the live grants once a
// listing has run after they expired.
func TestGrantIndexDropsExpired(t *testing.T) {
	srv := redistest.Start(t)
	store, rdb := newStore(t, srv)
	ctx := context.Background()
	for i := range 40 {
		if err := store.Commit(ctx, fmt.Sprintf("grant:short%02d", i), []byte("v"), time.Second); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		if err := store.Commit(ctx, fmt.Sprintf("grant:long%02d", i), []byte("v"), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	indexed := func() int64 {
		var n int64
		for shard := range 16 {
			for _, set := range []string{"grants", "expiry"} {
				c, err := rdb.ZCard(ctx, fmt.Sprintf("rememberizer:{g%d}%s", shard, set)).Result()
				if err != nil {
					t.Fatal(err)
				}
				n += c
			}
		}
		return n
	}
	if got := indexed(); got != 2*45 {
		t.Fatalf("index entries before expiry: got %d, want 90 (45 grants in two sets)", got)
	}
	time.Sleep(1100 * time.Millisecond)
	cursor, listed := "", 0
	for {
		page, next, err := store.ListGrants(ctx, cursor, 100)
		if err != nil {
			t.Fatal(err)
		}
		listed += len(page)
		if next == "" {
			break
		}
		cursor = next
	}
	if listed != 5 {
		t.Fatalf("listed %d grants, want the 5 live ones", listed)
	}
	if got := indexed(); got != 2*5 {
		t.Fatalf("index entries after a listing: got %d, want 10 (the 5 live grants in two sets)", got)
	}
}
