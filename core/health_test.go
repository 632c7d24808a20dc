package core_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/failstore"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// TestCheck: Check asks each configured store, and Rememberizer when
// asked to, and names each one that failed.
func TestCheck(t *testing.T) {
	t.Parallel()
	fake := rememberizertest.NewServer(rememberizertest.Config{})
	t.Cleanup(fake.Close)
	gone := rememberizertest.NewServer(rememberizertest.Config{})
	gone.Close()
	up := func() core.Store { return core.NewMemoryStore(core.MemoryStoreConfig{}) }
	down := func() core.Store {
		sw := &failstore.Switch{}
		sw.Down()
		return sw.Store(core.NewMemoryStore(core.MemoryStoreConfig{}))
	}
	tests := []struct {
		name          string
		store, grants core.Store
		rememberizer  string // BaseURL checked, "" for none
		want, notWant []string
	}{
		{name: "cookie sessions only"},
		{name: "stores up", store: up(), grants: up(), rememberizer: fake.URL},
		{name: "grant store down", grants: down(), want: []string{"grant store"}, notWant: []string{"session store"}},
		{name: "session store down", store: down(), grants: up(), want: []string{"session store"}, notWant: []string{"grant store"}},
		{name: "both down", store: down(), grants: down(), want: []string{"session store", "grant store"}},
		{name: "Rememberizer down", store: up(), rememberizer: gone.URL, want: []string{"Rememberizer"}, notWant: []string{"store failed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := core.Config{
				ClientID: "id", ClientSecret: "secret",
				RedirectURL: "https://app.example.com/auth/rememberizer/callback",
				SessionKeys: [][]byte{[]byte("\xc1\xed\xfa\xf4\x03\xb0\x63\xf5\xf3\x8b\x64\x06\x29\x52\x12\xe1\x2f\xda\x68\xcc\xea\x73\x92\xe8\x65\x5e\xf7\xb4\x07\x1f\x0d\x6d")},
				Store:       tt.store, GrantStore: tt.grants,
				BaseURL:           fake.URL,
				CheckRememberizer: tt.rememberizer != "",
				Logger:            slog.New(slog.DiscardHandler),
			}
			if tt.rememberizer != "" {
				cfg.BaseURL = tt.rememberizer
			}
			c, err := core.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			err = c.Check(context.Background())
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("got nil, want an error naming %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q, want it to name %q", err, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(err.Error(), w) {
					t.Errorf("got %q, want it not to name %q", err, w)
				}
			}
			wantIs := core.ErrStore
			if tt.rememberizer != "" {
				wantIs = core.ErrRefreshUnavailable
			}
			if !errors.Is(err, wantIs) {
				t.Errorf("got %v, want it to wrap %v", err, wantIs)
			}
		})
	}
}
