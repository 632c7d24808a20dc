package demowalk

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// Client returns a client for tests in which nobody signs in: its
// Rememberizer is never called, and it logs nothing.
func Client(t *testing.T) *core.Client {
	t.Helper()
	c, err := core.New(core.Config{
		ClientID:     "id",
		ClientSecret: "secret",
		RedirectURL:  "http://localhost:8080/auth/rememberizer/callback",
		SessionKeys:  [][]byte{[]byte("example app test session key 32.")},
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// MementosSignedOut calls an example's call to the Rememberizer API,
// list, with a context no middleware let through, and fails the test
// unless it fails with [core.ErrNotSignedIn]: it must never reach the API
// without the user's token.
func MementosSignedOut(t *testing.T, list func(context.Context, *core.Client) ([]rememberizer.Memento, error)) {
	t.Helper()
	if _, err := list(t.Context(), Client(t)); !errors.Is(err, core.ErrNotSignedIn) {
		t.Errorf("got error %v, want ErrNotSignedIn", err)
	}
}
