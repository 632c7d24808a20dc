package core_test

import (
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/storetest"
	"github.com/rzauth/rememberizer-go/internal/testclock"
)

func TestCookieStoreConformance(t *testing.T) {
	storetest.RunBrowser(t, storetest.BrowserConfig{
		New:           func(*testing.T) adapter.BrowserStore { return core.CookieStoreForTest },
		ValueInCookie: true,
	})
}

func TestMemoryStoreConformance(t *testing.T) {
	clock := testclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	storetest.Run(t, storetest.Config{
		New: func(*testing.T) core.Store {
			return core.NewMemoryStore(core.MemoryStoreConfig{Now: clock.Now})
		},
		Advance: clock.Advance,
	})
}
