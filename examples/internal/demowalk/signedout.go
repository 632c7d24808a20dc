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
		SessionKeys:  [][]byte{[]byte("\x51\x46\x6f\x52\x4a\x2c\x6d\xb6\xb5\x6b\x55\x7e\x06\x99\x23\xc5\xeb\x7e\xc5\xa1\x4a\x45\x7b\x0e\xba\x69\x2f\x4e\xaf\x51\xd4\xa5")},
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
