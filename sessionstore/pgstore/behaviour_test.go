package pgstore_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/internal/pgtest"
	"github.com/rzauth/rememberizer-go/sessionstore/pgstore"
)

// TestBehaviour runs the behaviour suite on net/http with PostgreSQL
// keeping sessions and grants, and grants alone. Environments run at
// once on one server, each in a schema of its own, on its own clock.
func TestBehaviour(t *testing.T) {
	srv := pgtest.Start(t)
	admin := newPool(t, srv)
	var n atomic.Int64
	store := func(t testing.TB, c *core.Config) *pgstore.Store {
		schema := fmt.Sprintf("env%d", n.Add(1))
		if _, err := admin.Exec(context.Background(), "CREATE SCHEMA "+schema); err != nil {
			t.Fatal(err)
		}
		pool := newPool(t, srv, func(cfg *pgxpool.Config) {
			cfg.ConnConfig.RuntimeParams["search_path"] = schema
			cfg.MaxConns = 4
		})
		return newStore(t, pool, pgstore.Config{Now: c.Now})
	}
	adaptertest.Run(t, adaptertest.ServeNetHTTP,
		adaptertest.Setup{
			Name: "postgres", SessionStore: true, GrantStore: true,
			Apply: func(t testing.TB, c *core.Config) {
				s := store(t, c)
				c.Store, c.GrantStore = s, s
			},
		},
		adaptertest.Setup{
			Name: "postgres-grant", GrantStore: true,
			Apply: func(t testing.TB, c *core.Config) {
				c.GrantStore = store(t, c)
			},
		},
	)
}
