package bench

import (
	"context"
	"database/sql"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/pgtest"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/sessionstore/pgstore"
	"github.com/rzauth/rememberizer-go/sessionstore/sqlitestore"
)

// durableKinds are the server-side stores compared by
// BenchmarkDurableStores, in one run.
var durableKinds = []string{"memory", "redis", "postgres", "sqlite"}

// sharedPG is one PostgreSQL server for the whole run, started on first
// use. Its process ends with the test binary's cleanup of the benchmark
// that started it.
var sharedPG struct {
	sync.Mutex
	srv *pgtest.Server
	err error
}

// pgPool returns a pool on the shared PostgreSQL, with the schema and
// empty tables, or skips tb when PostgreSQL is not installed.
func pgPool(tb testing.TB) *pgxpool.Pool {
	tb.Helper()
	sharedPG.Lock()
	if sharedPG.srv == nil && sharedPG.err == nil {
		sharedPG.srv, sharedPG.err = pgtest.Launch()
	}
	srv, err := sharedPG.srv, sharedPG.err
	sharedPG.Unlock()
	if err != nil {
		tb.Skipf("skipping the PostgreSQL configurations: %v", err)
	}
	pool, err := pgxpool.New(context.Background(), srv.DSN())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(pool.Close)
	if err := pgstore.EnsureSchema(context.Background(), pool); err != nil {
		tb.Fatal(err)
	}
	if _, err := pool.Exec(context.Background(), "TRUNCATE rememberizer_values, rememberizer_locks"); err != nil {
		tb.Fatal(err)
	}
	return pool
}

// stopSharedPG stops the shared PostgreSQL; TestMain calls it.
func stopSharedPG() {
	sharedPG.Lock()
	defer sharedPG.Unlock()
	if sharedPG.srv != nil {
		sharedPG.srv.Close()
		sharedPG.srv = nil
	}
}

// durableStore returns a fresh store of kind, on clock now when it is
// not nil (memory, postgres, sqlite).
func durableStore(tb testing.TB, kind string, now func() time.Time) core.Store {
	tb.Helper()
	switch kind {
	case "memory":
		if now != nil {
			return core.NewMemoryStore(core.MemoryStoreConfig{Now: now})
		}
		return core.NewMemoryStore()
	case "redis":
		return newStore(tb, "redis")
	case "postgres":
		s, err := pgstore.New(pgstore.Config{Pool: pgPool(tb), Now: now, SweepInterval: -1})
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		return s
	case "sqlite":
		s, err := sqlitestore.New(sqlitestore.Config{Path: filepath.Join(tb.TempDir(), "bench.db"), Now: now, SweepInterval: -1})
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		return s
	}
	tb.Fatalf("unknown store %q", kind)
	return nil
}

// BenchmarkDurableStores measures, in one run, on each server-side store
// (memory, Redis, PostgreSQL, SQLite): a protected net/http request with
// the session in the store (op=protected; op=bare is the bare handler,
// the floor), and a background token fetch with the user's grant in the
// store (op=background: c.TokenSourceFor(ctx, userID).Token(), the token
// still valid, as a job's each call). Redis and PostgreSQL run on
// loopback; SQLite on a file in a temporary directory.
func BenchmarkDurableStores(b *testing.B) {
	p := provider.Payloads[0]
	b.Run("op=bare", func(b *testing.B) { loop(b, netHTTPBare(b)) })
	for _, kind := range durableKinds {
		b.Run("op=protected/store="+kind, func(b *testing.B) {
			c := newClient(b, p, durableStore(b, kind, nil))
			loop(b, netHTTPProtected(b, c, signIn(b, c)))
		})
	}
	for _, kind := range durableKinds {
		b.Run("op=background/store="+kind, func(b *testing.B) {
			c := newClient(b, p, nil, withGrants(durableStore(b, kind, nil)))
			signIn(b, c)
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				ts, err := c.TokenSourceFor(ctx, provider.User.ID)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := ts.Token(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSoak signs in 10,000 sessions on PostgreSQL and on SQLite
// (sessions and grants in the store, on a test clock): each signs in,
// makes two protected requests, and is left to expire; the clock moves a
// minute every 100 sign-ins, sessions last 30 minutes, and the store's
// sweep runs every 1,000 sign-ins. It reports the most rows the store
// held after a sweep (rows-max), the rows left once every session has
// expired and a last sweep ran (rows-end), and the Go heap in use after
// a GC at the end, against the start (heap-growth-MB). One iteration is
// the whole soak: run it with -benchtime=1x.
func BenchmarkSoak(b *testing.B) {
	for _, kind := range []string{"postgres", "sqlite"} {
		b.Run("store="+kind, func(b *testing.B) {
			for b.Loop() {
				soak(b, kind)
			}
		})
	}
}

func soak(b *testing.B, kind string) {
	clock := testclock.New(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC))
	var (
		store interface {
			core.Store
			Sweep(context.Context) (int64, error)
		}
		count func() int
	)
	switch kind {
	case "postgres":
		pool := pgPool(b)
		s, err := pgstore.New(pgstore.Config{Pool: pool, Now: clock.Now, SweepInterval: -1})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		store = s
		count = func() int {
			var n int
			if err := pool.QueryRow(b.Context(), "SELECT (SELECT count(*) FROM rememberizer_values) + (SELECT count(*) FROM rememberizer_locks)").Scan(&n); err != nil {
				b.Fatal(err)
			}
			return n
		}
	case "sqlite":
		path := filepath.Join(b.TempDir(), "soak.db")
		s, err := sqlitestore.New(sqlitestore.Config{Path: path, Now: clock.Now, SweepInterval: -1})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		store = s
		db, err := sql.Open("sqlite", path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		count = func() int {
			var n int
			if err := db.QueryRow("SELECT (SELECT count(*) FROM rememberizer_values) + (SELECT count(*) FROM rememberizer_locks)").Scan(&n); err != nil {
				b.Fatal(err)
			}
			return n
		}
	}
	c := newClient(b, provider.Payloads[0], store, withGrants(store), func(cfg *core.Config) {
		cfg.Now = clock.Now
		cfg.SessionLifetime = 30 * time.Minute
	})
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	maxRows := 0
	for i := range 10000 {
		serve := netHTTPProtected(b, c, signIn(b, c)) // sign-in, and one request
		serve()                                       // a second request
		if i%100 == 99 {
			clock.Advance(time.Minute)
		}
		if i%1000 == 999 {
			if _, err := store.Sweep(b.Context()); err != nil {
				b.Fatal(err)
			}
			maxRows = max(maxRows, count())
		}
	}
	clock.Advance(time.Hour)
	if _, err := store.Sweep(b.Context()); err != nil {
		b.Fatal(err)
	}
	end := count()
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(maxRows), "rows-max")
	b.ReportMetric(float64(end), "rows-end")
	b.ReportMetric((float64(after.HeapAlloc)-float64(before.HeapAlloc))/(1<<20), "heap-growth-MB")
	// At most 30 minutes of sessions at 100 a minute, with the sign-ins'
	// claims (10 minutes) and the grant, plus a sweep interval's worth.
	if maxRows > 5000 {
		b.Fatalf("the store held %d rows after a sweep, more than 30 minutes of sessions and claims", maxRows)
	}
	if end > 1 {
		b.Fatalf("%d rows left once every session expired, want at most the grant", end)
	}
}
