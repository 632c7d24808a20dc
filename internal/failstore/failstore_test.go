package failstore_test

import (
	"errors"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/failstore"
)

func TestEveryCallFails(t *testing.T) {
	var b failstore.Browser
	slot := core.Slot{Name: "session"}
	v, loadErr := b.Load(nil, slot)
	if v != nil {
		t.Errorf("Browser.Load: got %q, want no value", v)
	}
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"Browser.Load", loadErr},
		{"Browser.Save", b.Save(nil, slot, []byte("v"))},
		{"Browser.Delete", b.Delete(nil, slot)},
	} {
		if !errors.Is(tt.err, failstore.ErrDown) {
			t.Errorf("%s: got %v, want ErrDown", tt.name, tt.err)
		}
	}
}
