// Package failstore holds stores whose backend is down, for tests of what
// the library and its adapters do when storage fails: [Browser], down from
// the start, and the stores a [Switch] wraps, which go down when the test
// says. (core's own tests cannot import it, as it imports core; they keep
// theirs in one file.)
package failstore

import (
	"context"
	"errors"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// ErrDown is the error every call of the stores in this package returns.
var ErrDown = errors.New("store backend down")

// Browser is a [core.BrowserStore] whose every call fails with [ErrDown].
type Browser struct{}

var _ BrowserStore = Browser{}

// Load fails with ErrDown.
func (Browser) Load(adapter.Request, adapter.Slot) ([]byte, error) { return nil, ErrDown }

// Save fails with ErrDown.
func (Browser) Save(adapter.Request, adapter.Slot, []byte) error { return ErrDown }

// Delete fails with ErrDown.
func (Browser) Erase(adapter.Request, adapter.Slot) error { return ErrDown }

// Find fails: the store is down.
func (Browser) Find(context.Context, string) ([]byte, bool, error) { return nil, false, ErrDown }

// Commit fails: the store is down.
func (Browser) Commit(context.Context, string, []byte, time.Duration) error { return ErrDown }

// Delete fails: the store is down.
func (Browser) Delete(context.Context, string) error { return ErrDown }

// BrowserStore is a core.Store that keeps its values with the request, as
// Config.Store takes one (the gorilla bridge).
type BrowserStore interface {
	core.Store
	adapter.BrowserStore
}
