package adaptertest

import (
	"testing"

	"github.com/gorilla/sessions"
	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/failstore"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/sessionstore"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

// StoreSetup is one store configuration: where sessions live, and where
// the user's tokens do. What RequireRememberizer and OptionalRememberizer
// promise holds in each (SECURITY.md S28), so [Run] runs every scenario
// under every one of [StoreSetups]. The zero value is the default: the
// sealed cookie.
type StoreSetup struct {
	// Name names the configuration in test names, e.g. "memory-grant".
	Name string
	// SessionStore reports that Config.Store is set: sessions live
	// server-side, and the session cookie carries only a record id.
	SessionStore bool
	// GrantStore reports that Config.GrantStore is set: the tokens live in
	// the user's grant, server-side, and sessions carry none.
	GrantStore bool
	// Redis reports that the stores are on redis-server.
	Redis bool

	// apply sets the configuration's stores in c, whose Now is the
	// environment's clock; srv is set when Redis is.
	apply func(t *testing.T, c *core.Config, srv *redistest.Server)
}

// TokensInBrowser reports whether the tokens travel in the browser's
// session (the sealed cookie, or the gorilla record the cookie names):
// there is neither a Store nor a GrantStore. A refresh must then send the
// session cookie again, and one whose response is gone cannot be kept.
func (s StoreSetup) TokensInBrowser() bool { return !s.SessionStore && !s.GrantStore }

// ServerSide reports whether there is a server-side place (a Store or a
// GrantStore) where core can keep that a user was signed out everywhere.
func (s StoreSetup) ServerSide() bool { return s.SessionStore || s.GrantStore }

// SessionInBrowser reports whether sessions are kept by a BrowserStore
// (Config.Store is nil): every write of a session, such as recording
// activity, sends the session cookie again.
func (s StoreSetup) SessionInBrowser() bool { return !s.SessionStore }

// StoreSetups lists every store configuration the suite runs under:
//   - cookie: the default, sessions and tokens sealed in the cookie;
//   - memory-store: sessions in a core.MemoryStore;
//   - redis-store: sessions in a redisstore.Store on redis-server;
//   - memory-grant: sessions in the cookie, grants in a core.MemoryStore;
//   - redis-store-grant: sessions and grants in one redisstore.Store;
//   - gorilla: sessions in a gorilla/sessions FilesystemStore, through
//     sessionstore.GorillaStore.
func StoreSetups() []StoreSetup {
	return []StoreSetup{
		{Name: "cookie", apply: func(*testing.T, *core.Config, *redistest.Server) {}},
		{Name: "memory-store", SessionStore: true, apply: func(_ *testing.T, c *core.Config, _ *redistest.Server) {
			c.Store = core.NewMemoryStore(core.MemoryStoreConfig{Now: c.Now})
		}},
		{Name: "redis-store", SessionStore: true, Redis: true, apply: func(t *testing.T, c *core.Config, srv *redistest.Server) {
			c.Store = newRedisStore(t, srv)
		}},
		{Name: "memory-grant", GrantStore: true, apply: func(_ *testing.T, c *core.Config, _ *redistest.Server) {
			c.GrantStore = core.NewMemoryStore(core.MemoryStoreConfig{Now: c.Now})
		}},
		{Name: "redis-store-grant", SessionStore: true, GrantStore: true, Redis: true, apply: func(t *testing.T, c *core.Config, srv *redistest.Server) {
			s := newRedisStore(t, srv)
			c.Store, c.GrantStore = s, s
		}},
		{Name: "gorilla", apply: func(t *testing.T, c *core.Config, _ *redistest.Server) {
			fs := sessions.NewFilesystemStore(t.TempDir(), gorillaHashKey, gorillaBlockKey)
			c.BrowserStore = sessionstore.NewGorillaStore(fs, sessionstore.GorillaConfig{Now: c.Now})
		}},
	}
}

// The gorilla store's keys: a 32-byte HMAC key and an AES-256 key.
var (
	gorillaHashKey  = []byte("adaptertest gorilla hash key, 32")
	gorillaBlockKey = []byte("adaptertest gorilla block key 32")
)

// newRedisStore returns a Store on srv whose keys all begin with the
// test's name, so environments running in parallel share none; its client
// is closed when the test ends.
func newRedisStore(t *testing.T, srv *redistest.Server) *redisstore.Store {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr})
	t.Cleanup(func() { rdb.Close() })
	s, err := redisstore.New(redisstore.Config{Client: rdb, Prefix: "adaptertest:" + t.Name() + ":"})
	if err != nil {
		t.Fatalf("redisstore.New: %v", err)
	}
	return s
}

// failing puts c's stores behind sw, so that sw.Down makes them fail: its
// Store and GrantStore where it has them; with neither, its BrowserStore,
// the sealed cookie included (the cookie itself cannot fail: it stands in
// for a BrowserStore whose backend is down).
func failing(c *core.Config, sw *failstore.Switch) {
	if c.Store != nil {
		c.Store = sw.Store(c.Store)
	}
	if c.GrantStore != nil {
		c.GrantStore = sw.Store(c.GrantStore)
	}
	if c.Store != nil || c.GrantStore != nil {
		return
	}
	if c.BrowserStore == nil {
		c.BrowserStore = core.CookieStore{}
	}
	c.BrowserStore = sw.Browser(c.BrowserStore)
}
