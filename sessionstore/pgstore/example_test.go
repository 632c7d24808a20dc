package pgstore_test

import (
	"context"
	"log"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/pgtest"
	"github.com/rzauth/rememberizer-go/sessionstore/pgstore"
)

// newClient is the package documentation's program: a core.Client
// keeping sessions and grants in the database at DATABASE_URL.
func newClient(ctx context.Context, sessionKey []byte) (*core.Client, func() error) {
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	if err := pgstore.EnsureSchema(ctx, pool); err != nil {
		log.Fatal(err)
	}
	store, err := pgstore.New(pgstore.Config{Pool: pool})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	c, err := core.New(core.Config{
		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{sessionKey},
		Store:        store,
		GrantStore:   store,
	})
	if err != nil {
		log.Fatal(err)
	}
	return c, func() error { pool.Close(); return nil }
}

func TestPackageDocProgram(t *testing.T) {
	srv := pgtest.Start(t)
	t.Setenv("DATABASE_URL", srv.DSN())
	t.Setenv("REMEMBERIZER_CLIENT_ID", "id")
	t.Setenv("REMEMBERIZER_CLIENT_SECRET", "secret")
	key, err := core.NewSessionKey()
	if err != nil {
		t.Fatal(err)
	}
	c, closePool := newClient(context.Background(), key)
	defer closePool()
	if c.LoginPath() == "" {
		t.Fatal("no login path")
	}
}
