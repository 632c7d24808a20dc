// Package failstore holds stores whose backend is down, for tests of what
// the library and its adapters do when storage fails: [Browser], down from
// the start, and the stores a [Switch] wraps, which go down when the test
// says. (core's own tests cannot import it, as it imports core; they keep
// theirs in one file.)
package failstore

import (
	"errors"

	"github.com/rzauth/rememberizer-go/core"
)

// ErrDown is the error every call of the stores in this package returns.
var ErrDown = errors.New("store backend down")

// Browser is a [core.BrowserStore] whose every call fails with [ErrDown].
type Browser struct{}

var _ core.BrowserStore = Browser{}

// Load fails with ErrDown.
func (Browser) Load(core.Request, core.Slot) ([]byte, error) { return nil, ErrDown }

// Save fails with ErrDown.
func (Browser) Save(core.Request, core.Slot, []byte) error { return ErrDown }

// Delete fails with ErrDown.
func (Browser) Delete(core.Request, core.Slot) error { return ErrDown }
