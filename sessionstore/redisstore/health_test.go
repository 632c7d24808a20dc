package redisstore_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/redistest"
)

// TestCheckWithRedisStopped: with Redis as the grant store only, New
// succeeds while Redis is down (it dials nothing), and Check, as an app's
// /healthz would call it, names the grant store, not the session store;
// once Redis is back, Check passes.
func TestCheckWithRedisStopped(t *testing.T) {
	srv := redistest.Start(t)
	store, _ := newStore(t, srv)
	srv.Stop()
	c, err := core.New(core.Config{
		ClientID: "id", ClientSecret: "secret",
		RedirectURL: "https://app.example.com/auth/rememberizer/callback",
		SessionKeys: [][]byte{[]byte("\x8f\x1d\xa2\x5c\x03\xe9\x77\x41\xbe\x10\x6a\xd4\x92\x2f\xc8\x5b\x3e\xf1\x08\x9d\x64\xa7\x1b\xe2\x50\xcc\x39\x86\x0f\x75\xda\x2b")},
		GrantStore:  store,
		Logger:      slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("New with Redis down: %v", err)
	}
	err = c.Check(context.Background())
	if !errors.Is(err, core.ErrStore) || !errors.Is(err, core.ErrStoreUnavailable) {
		t.Fatalf("Check with Redis down: got %v, want ErrStore and ErrStoreUnavailable", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "grant store") || strings.Contains(msg, "session store") || !strings.Contains(msg, "redis") {
		t.Errorf("Check with Redis down: got %q, want it to name the grant store and redis, not the session store", msg)
	}
	srv.Restart()
	if err := c.Check(context.Background()); err != nil {
		t.Errorf("Check after Redis restarted: got %v, want nil", err)
	}
}
