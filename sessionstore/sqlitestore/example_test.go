package sqlitestore_test

import (
	"log"
	"os"
	"path/filepath"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/sessionstore/sqlitestore"
)

// newClient is the package documentation's program.
func newClient(sessionKey []byte) *core.Client {
	store, err := sqlitestore.New(sqlitestore.Config{Path: os.Getenv("SQLITE_PATH")}) // e.g. /var/lib/myapp/rememberizer.db
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
	return c
}

func TestPackageDocProgram(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rememberizer.db")
	t.Setenv("SQLITE_PATH", path)
	t.Setenv("REMEMBERIZER_CLIENT_ID", "id")
	t.Setenv("REMEMBERIZER_CLIENT_SECRET", "secret")
	key, err := core.NewSessionKey()
	if err != nil {
		t.Fatal(err)
	}
	if c := newClient(key); c.LoginPath() == "" {
		t.Fatal("no login path")
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the database file: %v", err)
	}
}
