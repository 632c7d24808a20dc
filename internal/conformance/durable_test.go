package conformance_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/internal/pgtest"
	"github.com/rzauth/rememberizer-go/sessionstore/pgstore"
	"github.com/rzauth/rememberizer-go/sessionstore/sqlitestore"
)

// durable holds what the configurations on PostgreSQL share across the
// test binary: one server, started by the first environment that needs
// it and stopped by TestMain, and a counter naming each environment's
// schema.
var durable struct {
	pg      pgtest.Lazy
	schemas atomic.Int64
}

// durableSetups lists the configurations on the durable stores, each on
// the environment's clock:
//   - postgres: sessions and grants in one pgstore.Store, each
//     environment in a schema of its own;
//   - postgres-grant: grants in a pgstore.Store, sessions in the cookie;
//   - sqlite: sessions and grants in one sqlitestore.Store, each
//     environment on a new file;
//   - sqlite-grant: grants in a sqlitestore.Store, sessions in the cookie.
func durableSetups() []adaptertest.Setup {
	return []adaptertest.Setup{
		{Name: "postgres", SessionStore: true, GrantStore: true, Apply: func(t testing.TB, c *core.Config) {
			s := newPGStore(t, c)
			c.Store, c.GrantStore = s, s
		}},
		{Name: "postgres-grant", GrantStore: true, Apply: func(t testing.TB, c *core.Config) {
			c.GrantStore = newPGStore(t, c)
		}},
		{Name: "sqlite", SessionStore: true, GrantStore: true, Apply: func(t testing.TB, c *core.Config) {
			s := newSQLiteStore(t, c)
			c.Store, c.GrantStore = s, s
		}},
		{Name: "sqlite-grant", GrantStore: true, Apply: func(t testing.TB, c *core.Config) {
			c.GrantStore = newSQLiteStore(t, c)
		}},
	}
}

// newPGStore returns a pgstore.Store in a new schema of the shared
// server, on c's clock, closed (with its pool) when t ends.
func newPGStore(t testing.TB, c *core.Config) *pgstore.Store {
	t.Helper()
	srv := durable.pg.Server(t)
	ctx := context.Background()
	schema := fmt.Sprintf("env%d", durable.schemas.Add(1))
	pool := newPGPool(t, srv, "")
	if _, err := pool.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	pool.Close()
	pool = newPGPool(t, srv, schema)
	if err := pgstore.EnsureSchema(ctx, pool); err != nil {
		t.Fatal(err)
	}
	s, err := pgstore.New(pgstore.Config{Pool: pool, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newPGPool opens a small pool on srv, in schema when one is named,
// closed when t ends.
func newPGPool(t testing.TB, srv *pgtest.Server, schema string) *pgxpool.Pool {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(srv.DSN())
	if err != nil {
		t.Fatal(err)
	}
	if schema != "" {
		cfg.ConnConfig.RuntimeParams["search_path"] = schema
	}
	cfg.MaxConns = 4
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// newSQLiteStore returns a sqlitestore.Store on a new file, on c's
// clock, closed when t ends.
func newSQLiteStore(t testing.TB, c *core.Config) *sqlitestore.Store {
	t.Helper()
	s, err := sqlitestore.New(sqlitestore.Config{Path: filepath.Join(t.TempDir(), "store.db"), Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
