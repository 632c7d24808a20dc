package adaptertest

import (
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/failstore"
)

// Setup is one store configuration: where sessions live, and where the
// user's tokens do. What RequireRememberizer and OptionalRememberizer
// promise holds in each (SECURITY.md S28), so [Run] runs every scenario
// under every one of [BuiltinSetups] and of the setups its caller adds.
// The zero value is the default: the sealed cookie.
//
// A scenario whose promise shows differently in one configuration, such
// as whether a refresh sends the session cookie again, reads the flags;
// they must say what Apply does.
type Setup struct {
	// Name names the configuration in test names, e.g. "memory-grant".
	// Within one [Run] names must be distinct and non-empty.
	Name string
	// SessionStore reports that Apply sets Config.Store: sessions live
	// server-side, and the session cookie carries only a record id.
	SessionStore bool
	// GrantStore reports that Apply sets Config.GrantStore: the tokens
	// live in the user's grant, server-side, and sessions carry none.
	GrantStore bool
	// Apply sets the configuration's stores in c for the environment of
	// t, before core.New. c.Now is the environment's clock: give it to
	// whatever keeps expiries. Each environment needs stores of its own
	// (a fresh store, or keys under a prefix of t.Name()), released with
	// t.Cleanup; Apply may skip t when what it needs is missing.
	//
	// Optional. Default: nil, core's defaults (the sealed cookie).
	Apply func(t testing.TB, c *core.Config)
}

// TokensInBrowser reports whether the tokens travel in the browser's
// session (the sealed cookie, or a record the cookie names in a
// BrowserStore such as the gorilla bridge): there is neither a Store nor a
// GrantStore. A refresh must then send the session cookie again, and one
// whose response is gone cannot be kept.
func (s Setup) TokensInBrowser() bool { return !s.SessionStore && !s.GrantStore }

// ServerSide reports whether there is a server-side place (a Store or a
// GrantStore) where core can keep that a user was signed out everywhere.
func (s Setup) ServerSide() bool { return s.SessionStore || s.GrantStore }

// SessionInBrowser reports whether sessions are kept by a BrowserStore
// (Config.Store is nil): every write of a session, such as recording
// activity, sends the session cookie again.
func (s Setup) SessionInBrowser() bool { return !s.SessionStore }

// BuiltinSetups lists the store configurations [Run] always runs under,
// each of which needs nothing but core:
//   - cookie: the default, sessions and tokens sealed in the cookie;
//   - memory-store: sessions in a core.MemoryStore;
//   - memory-grant: sessions in the cookie, grants in a core.MemoryStore.
//
// A store of another module joins them as a [Setup] passed to [Run].
func BuiltinSetups() []Setup {
	return []Setup{
		{Name: "cookie"},
		{Name: "memory-store", SessionStore: true, Apply: func(_ testing.TB, c *core.Config) {
			c.Store = core.NewMemoryStore(core.MemoryStoreConfig{Now: c.Now})
		}},
		{Name: "memory-grant", GrantStore: true, Apply: func(_ testing.TB, c *core.Config) {
			c.GrantStore = core.NewMemoryStore(core.MemoryStoreConfig{Now: c.Now})
		}},
	}
}

// failing puts c's stores behind sw, so that sw.Down makes them fail: its
// Store and GrantStore where it has them (a store that keeps its values
// with the request stays one); with neither, a store of cookies standing
// in for the sealed cookie, which itself cannot fail (a browser store
// whose backend is down).
func failing(c *core.Config, sw *failstore.Switch) {
	if bs, ok := c.Store.(failstore.BrowserStore); ok {
		c.Store = sw.Browser(bs)
	} else if c.Store != nil {
		c.Store = sw.Store(c.Store)
	}
	if c.GrantStore != nil {
		c.GrantStore = sw.Store(c.GrantStore)
	}
	if c.Store != nil || c.GrantStore != nil {
		return
	}
	c.Store = sw.Browser(failstore.Cookie{})
}
