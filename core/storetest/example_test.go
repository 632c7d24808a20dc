package storetest_test

import (
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/storetest"
)

// newMyStore stands for the store under test: here core's memory store,
// on the real clock, as a store of one's own would be.
func newMyStore(*testing.T) core.Store {
	return core.NewMemoryStore()
}

// TestConformance is the package documentation's test: with no Advance,
// the suite waits for expiries in real time.
func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Config{
		New: func(t *testing.T) core.Store { return newMyStore(t) }, // an empty store
	})
}
