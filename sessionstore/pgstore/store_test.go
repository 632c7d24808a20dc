package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/storetest"
	"github.com/rzauth/rememberizer-go/internal/pgtest"
	"github.com/rzauth/rememberizer-go/internal/storefault"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/sessionstore/pgstore"
)

// newPool returns a pool on srv's database with the schema in place and
// both tables empty.
func newPool(t testing.TB, srv *pgtest.Server, edit ...func(*pgxpool.Config)) *pgxpool.Pool {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(srv.DSN())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edit {
		e(cfg)
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	ctx := context.Background()
	if err := pgstore.EnsureSchema(ctx, pool); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, "TRUNCATE rememberizer_values, rememberizer_locks"); err != nil {
		t.Fatal(err)
	}
	return pool
}

func newStore(t testing.TB, pool *pgxpool.Pool, cfg pgstore.Config) *pgstore.Store {
	t.Helper()
	cfg.Pool = pool
	s, err := pgstore.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The whole suite, core on top included, on the database's clock.
func TestConformance(t *testing.T) {
	srv := pgtest.Start(t)
	storetest.Run(t, storetest.Config{
		New: func(t *testing.T) core.Store {
			return newStore(t, newPool(t, srv), pgstore.Config{})
		},
	})
}

func TestNewNeedsPool(t *testing.T) {
	if _, err := pgstore.New(pgstore.Config{}); err == nil {
		t.Fatal("New without a pool: got nil error")
	}
}

func rows(t *testing.T, pool *pgxpool.Pool, table string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Expired rows of both tables are deleted in batches; live ones stay.
func TestSweepDeletesExpiredRowsInBatches(t *testing.T) {
	srv := pgtest.Start(t)
	pool := newPool(t, srv)
	clock := testclock.New(time.Now())
	s := newStore(t, pool, pgstore.Config{Now: clock.Now, SweepInterval: -1, SweepBatch: 100})
	ctx := context.Background()
	for i := range 250 {
		if err := s.Commit(ctx, fmt.Sprintf("session:%d", i), []byte("v"), time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Lock(ctx, "refresh:x", time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(ctx, "grant:live", []byte("v"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Sweep(ctx); err != nil || n != 0 {
		t.Fatalf("a sweep before anything expired: deleted %d, %v", n, err)
	}
	clock.Advance(2 * time.Minute)
	n, err := s.Sweep(ctx)
	if err != nil || n != 251 {
		t.Fatalf("sweep: deleted %d, %v; want 251 (250 values, 1 lock)", n, err)
	}
	if got := rows(t, pool, "rememberizer_values"); got != 1 {
		t.Fatalf("%d rows left, want the live one", got)
	}
	if got := rows(t, pool, "rememberizer_locks"); got != 0 {
		t.Fatalf("%d locks left, want 0", got)
	}
}

// The sweeper runs on its own every interval, and Close stops it.
func TestSweeperRunsAndStops(t *testing.T) {
	srv := pgtest.Start(t)
	pool := newPool(t, srv)
	s := newStore(t, pool, pgstore.Config{SweepInterval: 10 * time.Millisecond})
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `INSERT INTO rememberizer_values VALUES ('session:old', '', now() - interval '1 second')`); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for rows(t, pool, "rememberizer_values") != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the sweeper did not delete an expired row within 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.Close()
	s.Close() // again: nothing
	if _, err := pool.Exec(ctx, `INSERT INTO rememberizer_values VALUES ('session:old', '', now() - interval '1 second')`); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if rows(t, pool, "rememberizer_values") != 1 {
		t.Fatal("a closed store's sweeper deleted a row")
	}
}

// A held lock is a row, not a connection: with a pool of one
// connection, the store keeps working while the lock is held, and a
// second Lock waits for the release.
func TestLockHoldsNoConnection(t *testing.T) {
	srv := pgtest.Start(t)
	pool := newPool(t, srv, func(c *pgxpool.Config) { c.MaxConns = 1 })
	s := newStore(t, pool, pgstore.Config{SweepInterval: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	unlock, err := s.Lock(ctx, "refresh:a", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(ctx, "session:a", []byte("v"), time.Minute); err != nil {
		t.Fatalf("a write while the lock is held: %v", err)
	}
	short, cancelShort := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancelShort()
	if _, err := s.Lock(short, "refresh:a", time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second Lock while held: got %v, want the context's deadline", err)
	}
	unlock()
	again, err := s.Lock(ctx, "refresh:a", time.Minute)
	if err != nil {
		t.Fatalf("Lock after the release: %v", err)
	}
	again()
}

// An unlock by a holder whose lease expired, and that someone else took
// since, releases nothing.
func TestExpiredHolderReleasesNothing(t *testing.T) {
	srv := pgtest.Start(t)
	pool := newPool(t, srv)
	clock := testclock.New(time.Now())
	s := newStore(t, pool, pgstore.Config{Now: clock.Now, SweepInterval: -1})
	ctx := context.Background()
	first, err := s.Lock(ctx, "refresh:a", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Second)
	second, err := s.Lock(ctx, "refresh:a", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	first() // too late: the lease is the second holder's
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := s.Lock(short, "refresh:a", time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Lock after the expired holder's unlock: got %v, want it still held", err)
	}
	second()
}

// With the database down, every operation fails with an error wrapping
// core.ErrStoreUnavailable (so core answers 503), and works again once
// it is back.
func TestDatabaseDownIsUnavailable(t *testing.T) {
	srv := pgtest.Start(t)
	pool := newPool(t, srv)
	s := newStore(t, pool, pgstore.Config{SweepInterval: -1})
	srv.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, _, errFind := s.Find(ctx, "session:a")
	_, errMany := s.FindMany(ctx, "session:a", "ended:b")
	_, errClaim := s.Claim(ctx, "state", time.Minute)
	_, errLock := s.Lock(ctx, "refresh:a", time.Minute)
	_, _, errList := s.ListGrants(ctx, "", 10)
	_, errSweep := s.Sweep(ctx)
	for name, err := range map[string]error{
		"Find": errFind, "FindMany": errMany, "Claim": errClaim, "Lock": errLock, "ListGrants": errList, "Sweep": errSweep,
		"Commit":       s.Commit(ctx, "session:a", []byte("v"), time.Minute),
		"Delete":       s.Delete(ctx, "session:a"),
		"EnsureSchema": pgstore.EnsureSchema(ctx, pool),
	} {
		if !errors.Is(err, core.ErrStoreUnavailable) {
			t.Errorf("%s with the database down: got %v, want core.ErrStoreUnavailable", name, err)
		}
	}
	srv.Restart()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := s.Commit(ctx, "session:a", []byte("v"), time.Minute)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the restart: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var _ adapter.GrantLister = s
}

// PostgreSQL restarted in the middle of a burst of 30 requests: 503s
// while it is down, then every request succeeds, no grant lost and no
// refresh token presented twice.
func TestRestartDuringBurst(t *testing.T) {
	srv := pgtest.Start(t)
	store := newStore(t, newPool(t, srv), pgstore.Config{})
	storefault.Burst(t, store, srv.Stop, srv.Restart)
}
