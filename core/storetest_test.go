package core_test

import (
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/storetest"
)

func TestCookieStoreConformance(t *testing.T) {
	storetest.RunBrowser(t, storetest.BrowserConfig{
		New:           func(*testing.T) core.BrowserStore { return core.CookieStore{} },
		ValueInCookie: true,
	})
}

func TestMemoryStoreConformance(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	storetest.Run(t, storetest.Config{
		New: func(*testing.T) core.Store {
			return core.NewMemoryStore(core.MemoryStoreConfig{Now: func() time.Time {
				mu.Lock()
				defer mu.Unlock()
				return now
			}})
		},
		Advance: func(d time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			now = now.Add(d)
		},
	})
}
