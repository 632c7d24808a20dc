package conformance_test

import (
	"testing"

	"github.com/gorilla/sessions"
	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/sessionstore"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

// setups lists the store configurations the suite runs under here,
// besides its built-in ones:
//   - redis-store: sessions in a redisstore.Store on redis-server;
//   - redis-store-grant: sessions and grants in one redisstore.Store;
//   - gorilla: sessions in a gorilla/sessions FilesystemStore, through
//     sessionstore.GorillaStore;
//   - those of durableSetups, on PostgreSQL and SQLite.
//
// The configurations on Redis share one redis-server, started the first
// time one of t's environments needs it and stopped when t ends; every
// environment keeps its keys under a prefix of its own. Without
// redis-server their environments are skipped, or fail under CI (CI set).
func setups(t *testing.T) []adaptertest.Setup {
	redis := redistest.Shared(t)
	return append([]adaptertest.Setup{
		{Name: "redis-store", SessionStore: true, Apply: func(t testing.TB, c *core.Config) {
			c.Store = newRedisStore(t, redis(t))
		}},
		{Name: "redis-store-grant", SessionStore: true, GrantStore: true, Apply: func(t testing.TB, c *core.Config) {
			s := newRedisStore(t, redis(t))
			c.Store, c.GrantStore = s, s
		}},
		{Name: "gorilla", Apply: func(t testing.TB, c *core.Config) {
			fs := sessions.NewFilesystemStore(t.TempDir(), gorillaHashKey, gorillaBlockKey)
			c.Store = sessionstore.NewGorillaStore(fs, sessionstore.GorillaConfig{Now: c.Now})
		}},
	}, durableSetups()...)
}

// The gorilla store's keys: a 32-byte HMAC key and an AES-256 key.
var (
	gorillaHashKey  = []byte("adaptertest gorilla hash key, 32")
	gorillaBlockKey = []byte("adaptertest gorilla block key 32")
)

// newRedisStore returns a Store on srv whose keys all begin with the
// test's name, so environments running in parallel share none; its client
// is closed when the test ends.
func newRedisStore(t testing.TB, srv *redistest.Server) *redisstore.Store {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr})
	t.Cleanup(func() { rdb.Close() })
	s, err := redisstore.New(redisstore.Config{Client: rdb, Prefix: "adaptertest:" + t.Name() + ":"})
	if err != nil {
		t.Fatalf("redisstore.New: %v", err)
	}
	return s
}
