package core

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// storeConfig is one way of keeping sessions and grants, for the tests of
// what RequireRememberizer promises in every configuration (S28).
type storeConfig struct {
	name string
	// apply sets the stores on a config; now is the shared clock.
	apply func(c *Config)
	// marks: a server-side store keeps the "ended" mark.
	marks bool
}

// ctxStore is a memory store that, like a networked one, fails when its
// context has ended.
type ctxStore struct{ *MemoryStore }

func (s ctxStore) Find(ctx context.Context, key string) ([]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	return s.MemoryStore.Find(ctx, key)
}

func (s ctxStore) Commit(ctx context.Context, key string, b []byte, ttl time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.MemoryStore.Commit(ctx, key, b, ttl)
}

func (s ctxStore) Delete(ctx context.Context, key string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.MemoryStore.Delete(ctx, key)
}

func storeConfigs() []storeConfig {
	memory := func(c *Config) Store { return ctxStore{NewMemoryStore(MemoryStoreConfig{Now: c.Now})} }
	return []storeConfig{
		{name: "Cookie", apply: func(*Config) {}},
		{name: "ServerStore", marks: true, apply: func(c *Config) { c.Store = memory(c) }},
		{name: "GrantStore", marks: true, apply: func(c *Config) { c.GrantStore = memory(c) }},
		{name: "ServerAndGrantStore", marks: true, apply: func(c *Config) { c.Store, c.GrantStore = memory(c), memory(c) }},
	}
}

// eachStoreConfig runs test once per configuration, in parallel.
func eachStoreConfig(t *testing.T, fcfg rememberizertest.Config, test func(t *testing.T, e *testEnv, sc storeConfig)) {
	for _, sc := range storeConfigs() {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			test(t, newTestEnv(t, fcfg, sc.apply), sc)
		})
	}
}

func TestRefreshBeforeTheHandlerInEveryConfiguration(t *testing.T) {
	t.Parallel()
	eachStoreConfig(t, rememberizertest.Config{}, func(t *testing.T, e *testEnv, _ storeConfig) {
		b := e.signIn(t)
		e.advance(time.Hour + time.Minute)
		var wg sync.WaitGroup
		errs := make(chan error, 30)
		for range 30 {
			wg.Go(func() {
				s, err := e.c.authenticate(b.followUp("GET", "/private"))
				if err == nil && s == nil {
					err = errors.New("no session")
				}
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("a protected request after expiry: %v", err)
			}
		}
		if got := e.fake.RefreshCalls(); got != 1 {
			t.Fatalf("refresh calls: got %d, want exactly 1", got)
		}
	})
}

func TestRefusedRefreshEndsEverySession(t *testing.T) {
	t.Parallel()
	eachStoreConfig(t, rememberizertest.Config{}, func(t *testing.T, e *testEnv, sc storeConfig) {
		a, b := e.signIn(t), e.signIn(t)
		e.fake.Disconnect("42")
		e.advance(2 * time.Hour)
		if _, err := e.c.authenticate(a); !errors.Is(err, ErrReauthRequired) {
			t.Fatalf("A after the refusal: got %v, want ErrReauthRequired", err)
		}
		if c, ok := a.sentCookie(e.c.sessionSlot.Name); !ok || c.MaxAge > 0 {
			t.Fatal("A's session cookie was not expired")
		}
		if _, err := e.c.authenticate(b); !isSignedOut(err) {
			t.Fatalf("B, the same user's other browser: got %v, want signed out", err)
		}
		want := 1
		if !sc.marks {
			want = 2 // with cookies alone B finds out at its own refresh
		}
		if got := e.fake.RefreshCalls(); got != want {
			t.Fatalf("refresh calls: got %d, want %d", got, want)
		}
		for _, r := range []*fakeRequest{a, b} {
			if _, err := e.c.authenticate(r.followUp("GET", "/private")); !isSignedOut(err) {
				t.Fatalf("again: got %v, want signed out", err)
			}
		}
		if got := e.fake.RefreshCalls(); got != want {
			t.Fatalf("refresh calls after: got %d, want still %d", got, want)
		}
	})
}

func TestTransientRefreshFailureKeepsTheSession(t *testing.T) {
	t.Parallel()
	eachStoreConfig(t, rememberizertest.Config{}, func(t *testing.T, e *testEnv, _ storeConfig) {
		b := e.signIn(t)
		e.advance(59*time.Minute + 45*time.Second) // within the skew, still valid
		e.fake.FailNextToken(rememberizertest.Fault{Status: 503})
		if _, err := e.c.authenticate(b); err != nil {
			t.Fatalf("within the skew, refresh failed: got %v, want the session kept", err)
		}
		e.advance(time.Minute) // expired
		e.fake.FailNextToken(rememberizertest.Fault{Status: 503})
		if _, err := e.c.authenticate(b.followUp("GET", "/private")); !errors.Is(err, ErrRefreshUnavailable) {
			t.Fatalf("expired, refresh failed: got %v, want ErrRefreshUnavailable", err)
		}
		if _, err := e.c.authenticate(b.followUp("GET", "/private")); err != nil {
			t.Fatalf("refresh works again: %v", err)
		}
	})
}

func TestEndSessions(t *testing.T) {
	t.Parallel()
	eachStoreConfig(t, rememberizertest.Config{}, func(t *testing.T, e *testEnv, sc storeConfig) {
		a, b := e.signIn(t), e.signIn(t)
		err := e.c.EndSessions(context.Background(), "42")
		if !sc.marks {
			if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), "Config.Store or Config.GrantStore") {
				t.Fatalf("with cookies only: got %v, want ErrInvalidConfig naming what to configure", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for name, r := range map[string]*fakeRequest{"A": a, "B": b} {
			if _, err := e.c.authenticate(r); !isSignedOut(err) {
				t.Fatalf("%s after EndSessions: got %v, want signed out", name, err)
			}
		}
		// A sign-in in the same millisecond starts a session that lasts.
		c := e.signIn(t)
		if _, err := e.c.authenticate(c); err != nil {
			t.Fatalf("a sign-in after EndSessions: %v", err)
		}
		// ... until the next EndSessions, in that millisecond too: the
		// session was dated just past the first mark, and the second is
		// written past it.
		if err := e.c.EndSessions(context.Background(), "42"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.c.authenticate(c); !isSignedOut(err) {
			t.Fatalf("a second EndSessions in the same millisecond: got %v, want signed out", err)
		}
		c = e.signIn(t)
		if _, err := e.c.authenticate(c); err != nil {
			t.Fatalf("a sign-in after the second EndSessions: %v", err)
		}
		if e.c.grants != nil {
			// The grant is kept: background access goes on.
			if _, err := e.c.TokenSourceFor(context.Background(), "42"); err != nil {
				t.Fatalf("background access after EndSessions: %v", err)
			}
		}
	})
}

// A session's API client kept from before EndSessions stops too.
func TestEndSessionsStopsAKeptClient(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.Store = NewMemoryStore(MemoryStoreConfig{Now: c.Now}) })
	r := e.signIn(t)
	sc, err := e.c.protect(r)
	if err != nil {
		t.Fatal(err)
	}
	ctx := sc.Context(context.Background())
	sc.End()
	if err := e.c.EndSessions(context.Background(), "42"); err != nil {
		t.Fatal(err)
	}
	hc, err := e.c.HTTPClient(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hc.Get(e.c.apiURL("mementos/")); !isSignedOut(err) {
		t.Fatalf("a kept client after EndSessions: got %v, want signed out", err)
	}
}
