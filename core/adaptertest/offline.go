package adaptertest

import (
	"log/slog"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
)

// OfflineClient returns a client for requests that never reach
// Rememberizer (routing, refusals, hooks), keeping sessions in store (nil:
// the sealed cookie) and logging nothing.
func OfflineClient(tb testing.TB, store core.Store) *core.Client {
	tb.Helper()
	c, err := core.New(core.Config{
		ClientID:     "app",
		ClientSecret: "secret",
		RedirectURL:  "http://127.0.0.1:8080/auth/rememberizer/callback",
		SessionKeys:  [][]byte{testKey},
		Store:        store,
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		tb.Fatalf("core.New: %v", err)
	}
	return c
}
