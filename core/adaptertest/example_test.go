package adaptertest_test

import (
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
)

// newMyStore stands for the store under test: here core's memory store,
// on the environment's clock.
func newMyStore(_ testing.TB, now func() time.Time) core.Store {
	return core.NewMemoryStore(core.MemoryStoreConfig{Now: now})
}

// TestBehaviourOnMyStore runs the suite on net/http under the built-in
// store configurations and one more.
func TestBehaviourOnMyStore(t *testing.T) {
	adaptertest.Run(t, adaptertest.ServeNetHTTP, adaptertest.Setup{
		Name:         "my-store",
		SessionStore: true, // Apply sets Config.Store
		Apply: func(t testing.TB, c *core.Config) {
			c.Store = newMyStore(t, c.Now) // empty, or keys under a prefix of t.Name()
		},
	})
}
