package core

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// claimingStore is the memory store with an in-memory Claim that counts
// its calls, like a shared store's.
type claimingStore struct {
	*MemoryStore
	mu     sync.Mutex
	claims int
	keys   map[string]bool
}

func (s *claimingStore) Claim(_ context.Context, key string, _ time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.claims++
	if s.keys[key] {
		return false, nil
	}
	if s.keys == nil {
		s.keys = make(map[string]bool)
	}
	s.keys[key] = true
	return true, nil
}

func (s *claimingStore) calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.claims
}

var _ Claimer = (*claimingStore)(nil)

// deniedSignIn is an anonymous visitor's GET /login followed by GET
// /callback?error=access_denied&state=…, never reaching Rememberizer.
func deniedSignIn(t *testing.T, c *client) {
	t.Helper()
	login := newFakeRequest("GET", "/auth/rememberizer/login")
	authz, err := c.login(login)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	u, err := url.Parse(authz)
	if err != nil {
		t.Fatal(err)
	}
	cb := login.followUp("GET", "/auth/rememberizer/callback?error=access_denied&state="+url.QueryEscape(u.Query().Get("state")))
	var pe *ProviderError
	if _, err := c.callback(cb); !errors.As(err, &pe) || pe.Code != "access_denied" {
		t.Fatalf("error callback: got %v, want a ProviderError access_denied", err)
	}
}

// TestErrorCallbacksLeaveGuardEmpty floods the client with more denied
// sign-ins than the used-state guard holds. None is recorded, so a real
// sign-in finished before the flood is still remembered: its replay is
// refused without reaching the token endpoint (S3, S24).
func TestErrorCallbacksLeaveGuardEmpty(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	first := e.authorize(t)
	if _, err := e.c.callback(first); err != nil {
		t.Fatalf("Callback: %v", err)
	}
	u, _ := url.Parse(first.URI())
	state := u.Query().Get("state")

	for i := 0; i < maxGuardEntries+1000; i++ {
		deniedSignIn(t, e.c)
	}
	if n := len(e.c.consumed.entries); n != 1 {
		t.Fatalf("used-state guard: got %d entries, want 1 (the real sign-in only)", n)
	}
	if !e.c.consumed.has(state, e.clock()) {
		t.Fatal("the real sign-in's state was forgotten")
	}
	// The same request again: an old copy of the pending-login cookie.
	if _, err := e.c.callback(first); !errors.Is(err, ErrStateMismatch) {
		t.Fatalf("replay after the flood: got %v, want ErrStateMismatch", err)
	}
	if got := e.fake.TokenCalls(); got != 1 {
		t.Fatalf("token calls: got %d, want 1", got)
	}
}

// TestErrorCallbacksClaimNothing: with a shared store, denied sign-ins
// claim nothing across instances; a code callback claims its state once.
func TestErrorCallbacksClaimNothing(t *testing.T) {
	t.Parallel()
	store := &claimingStore{MemoryStore: NewMemoryStore()}
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.Store = store })
	for i := 0; i < 100; i++ {
		deniedSignIn(t, e.c)
	}
	if got := store.calls(); got != 0 {
		t.Fatalf("after denied sign-ins: got %d claims, want 0", got)
	}
	cb := e.authorize(t)
	if _, err := e.c.callback(cb); err != nil {
		t.Fatalf("Callback: %v", err)
	}
	if got := store.calls(); got != 1 {
		t.Fatalf("after a sign-in: got %d claims, want 1", got)
	}
}

// TestIssuerMismatchAndMissingCodeRecordNothing: callbacks refused before
// the token endpoint, for any reason, leave the guard as it was.
func TestIssuerMismatchAndMissingCodeRecordNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		query func(state string) string
		want  error
	}{
		{"wrong iss", func(s string) string { return "code=c&iss=https%3A%2F%2Fevil.example&state=" + url.QueryEscape(s) }, errIssuerMismatch},
		{"no code", func(s string) string { return "state=" + url.QueryEscape(s) }, errMissingCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			store := &claimingStore{MemoryStore: NewMemoryStore()}
			e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.Store = store })
			login := newFakeRequest("GET", "/auth/rememberizer/login")
			authz, err := e.c.login(login)
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(authz)
			cb := login.followUp("GET", "/auth/rememberizer/callback?"+tt.query(u.Query().Get("state")))
			if _, err := e.c.callback(cb); !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if n := len(e.c.consumed.entries); n != 0 || store.calls() != 0 {
				t.Fatalf("got %d guard entries and %d claims, want 0 and 0", n, store.calls())
			}
			if got := e.fake.TokenCalls(); got != 0 {
				t.Fatalf("token calls: got %d, want 0", got)
			}
		})
	}
}

// TestGuardFullOfSignInsEvictsOldest fills a small used-state guard with
// real sign-ins: one more forgets the oldest only, and the others' replays
// are still refused.
func TestGuardFullOfSignInsEvictsOldest(t *testing.T) {
	t.Parallel()
	const limit = 4
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	e.c.consumed = newExpiringSetOf(limit)
	var callbacks []*fakeRequest
	var states []string
	for i := 0; i <= limit; i++ {
		cb := e.authorize(t)
		if _, err := e.c.callback(cb); err != nil {
			t.Fatalf("sign-in %d: %v", i, err)
		}
		u, _ := url.Parse(cb.URI())
		callbacks = append(callbacks, cb)
		states = append(states, u.Query().Get("state"))
	}
	now := e.clock()
	if e.c.consumed.has(states[0], now) {
		t.Error("the oldest sign-in's state: got present, want evicted")
	}
	for i := 1; i <= limit; i++ {
		if !e.c.consumed.has(states[i], now) {
			t.Errorf("sign-in %d's state: got evicted, want present", i)
		}
	}
	for i := 1; i <= limit; i++ {
		if _, err := e.c.callback(callbacks[i]); !errors.Is(err, ErrStateMismatch) {
			t.Errorf("replay of sign-in %d: got %v, want ErrStateMismatch", i, err)
		}
	}
	if got := e.fake.TokenCalls(); got != limit+1 {
		t.Errorf("token calls: got %d, want %d", got, limit+1)
	}
}
