package sqlitestore_test

import (
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/sessionstore/sqlitestore"
)

// TestBehaviour runs the behaviour suite on net/http with SQLite keeping
// sessions and grants, and grants alone, each environment on a new file
// and the environment's clock.
func TestBehaviour(t *testing.T) {
	adaptertest.Run(t, adaptertest.ServeNetHTTP,
		adaptertest.Setup{
			Name: "sqlite", SessionStore: true, GrantStore: true,
			Apply: func(t testing.TB, c *core.Config) {
				s := newStore(t, sqlitestore.Config{Now: c.Now})
				c.Store, c.GrantStore = s, s
			},
		},
		adaptertest.Setup{
			Name: "sqlite-grant", GrantStore: true,
			Apply: func(t testing.TB, c *core.Config) {
				c.GrantStore = newStore(t, sqlitestore.Config{Now: c.Now})
			},
		},
	)
}
