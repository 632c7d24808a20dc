package demoenv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/sessionstore/sqlitestore"
)

func TestSQLitePath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "grants.db")
	clearEnv(t, "")
	t.Setenv("SQLITE_PATH", path)
	env, _, _, err := load(t)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := config(env).GrantStore.(*sqlitestore.Store); !ok {
		t.Fatalf("grant store: got %T, want *sqlitestore.Store", config(env).GrantStore)
	}
	if config(env).Store != nil {
		t.Fatalf("session store: got %T, want none (sealed cookies)", config(env).Store)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the SQLite file: %v", err)
	}
}

func TestSQLitePathWithRedisURL(t *testing.T) {
	srv := redistest.Start(t)
	clearEnv(t, srv.URL())
	t.Setenv("SQLITE_PATH", filepath.Join(t.TempDir(), "grants.db"))
	_, _, _, err := load(t)
	if err == nil || !strings.Contains(err.Error(), "SQLITE_PATH and REDIS_URL are both set") {
		t.Fatalf("got %v, want an error naming both", err)
	}
}
