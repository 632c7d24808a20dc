package core

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/internal/syncbuf"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// testEnv is a client wired to a fake Rememberizer, sharing a clock, with
// every log line captured.
type testEnv struct {
	c    *client
	fake *rememberizertest.Server
	logs *syncbuf.Buffer
	clk  *testclock.Clock
}

func (e *testEnv) clock() time.Time { return e.clk.Now() }

func (e *testEnv) advance(d time.Duration) { e.clk.Advance(d) }

func newTestEnv(t *testing.T, fcfg rememberizertest.Config, change func(*Config)) *testEnv {
	t.Helper()
	e := &testEnv{clk: testclock.New(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)), logs: &syncbuf.Buffer{}}
	fcfg.Now = e.clock
	e.fake = rememberizertest.NewServer(fcfg)
	t.Cleanup(e.fake.Close)
	cfg := Config{
		ClientID:     e.fake.ClientID(),
		ClientSecret: e.fake.ClientSecret(),
		RedirectURL:  "http://127.0.0.1:9/auth/rememberizer/callback",
		SessionKeys:  [][]byte{ringKey(9)},
		BaseURL:      e.fake.URL,
		Now:          e.clock,
		Logger:       slog.New(slog.NewJSONHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if change != nil {
		change(&cfg)
	}
	c, err := newClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.c = c
	return e
}

// authorize starts a login in a fresh browser and returns the browser's
// request carrying its pending-login cookie, at the callback URL the fake
// redirected to.
func (e *testEnv) authorize(t *testing.T) *fakeRequest {
	return e.authorizeFrom(t, newFakeRequest("GET", "/"))
}

// authorizeFrom is authorize in the browser that made prev.
func (e *testEnv) authorizeFrom(t *testing.T, prev *fakeRequest) *fakeRequest {
	t.Helper()
	login := prev.followUp("GET", "/auth/rememberizer/login")
	authz, err := e.c.login(login)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	return login.followUp("GET", authorizeAt(t, authz))
}

// signIn runs a whole sign-in and returns the next request of the signed-in
// browser.
func (e *testEnv) signIn(t *testing.T) *fakeRequest {
	return e.signInFrom(t, newFakeRequest("GET", "/"))
}

// signInFrom is signIn in the browser that made prev.
func (e *testEnv) signInFrom(t *testing.T, prev *fakeRequest) *fakeRequest {
	t.Helper()
	cb := e.authorizeFrom(t, prev)
	if _, err := e.c.callback(cb); err != nil {
		t.Fatalf("Callback: %v", err)
	}
	return cb.followUp("GET", "/private")
}

func TestStatesAreFreshAndRandom(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	seen := make(map[string]bool, 10000)
	for i := 0; i < 10000; i++ {
		authz, err := e.c.login(newFakeRequest("GET", "/auth/rememberizer/login?return_to=/x"))
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(authz)
		s := u.Query().Get("state")
		if len(s) < 43 || strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			t.Fatalf("state %q: want 43+ base64url characters", s)
		}
		if strings.Contains(s, "x") && strings.Contains(authz, "return_to") {
			t.Fatalf("authorize URL carries the return-to: %q", authz)
		}
		if seen[s] {
			t.Fatalf("state repeated after %d logins", i)
		}
		seen[s] = true
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("entropy gone") }

func TestFailingRandomFailsLogin(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.Rand = failingReader{} })
	req := newFakeRequest("GET", "/auth/rememberizer/login")
	authz, err := e.c.login(req)
	if !errors.Is(err, errRandom) || authz != "" {
		t.Fatalf("got %q, %v; want errRandom and no URL", authz, err)
	}
	if statusFor(err) != http.StatusInternalServerError {
		t.Fatalf("status: got %d, want 500", statusFor(err))
	}
	if len(req.sentCookies()) != 0 {
		t.Fatal("a pending login was saved without randomness")
	}
}

func TestTokenEndpointFaults(t *testing.T) {
	t.Parallel()
	// A server that must never be reached: the target of a 307.
	var hits atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(elsewhere.Close)
	tests := []struct {
		name   string
		fault  rememberizertest.Fault
		status int
	}{
		{"500", rememberizertest.Fault{Status: 500, Body: "internal"}, 502},
		{"400 echoing the request", rememberizer400Echo(), 502},
		{"307 elsewhere", rememberizertest.Fault{Status: 307, Header: http.Header{"Location": {elsewhere.URL + "/steal"}}}, 502},
		{"2 MiB body", rememberizertest.Fault{Status: 200, Body: `{"access_token":"` + strings.Repeat("a", 2<<20) + `"}`}, 502},
		{"not JSON", rememberizertest.Fault{Status: 200, Body: "<html>hello</html>", ContentType: "text/html"}, 502},
		{"no access_token", rememberizertest.Fault{Status: 200, Body: `{"refresh_token":"r"}`}, 502},
		{"numeric access_token", rememberizertest.Fault{Status: 200, Body: `{"access_token":12345}`}, 502},
		{"error inside 200", rememberizertest.Fault{Status: 200, Body: `{"error":"invalid_grant","access_token":"x"}`}, 400},
		{"unknown error code", rememberizertest.Fault{Status: 400, Body: `{"error":"<script>"}`}, 502},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, rememberizertest.Config{}, nil)
			cb := e.authorize(t)
			e.fake.FailNextToken(tt.fault)
			loc, err := e.c.callback(cb)
			if err == nil || loc != "" {
				t.Fatalf("got %q, nil; want an error", loc)
			}
			if got := statusFor(err); got != tt.status {
				t.Fatalf("status: got %d (%v), want %d", got, err, tt.status)
			}
			if c, ok := cb.sentCookie(e.c.sessionSlot.Name); ok && c.MaxAge > 0 {
				t.Fatal("a session was saved")
			}
			if hits.Load() != 0 {
				t.Fatal("the redirect target received a request")
			}
			msg := err.Error() + messageFor(err)
			for _, bad := range []string{e.fake.ClientSecret(), "code=", "code_verifier", "<script>", "internal", "hello"} {
				if strings.Contains(msg, bad) {
					t.Fatalf("error %q shows %q", msg, bad)
				}
			}
		})
	}
}

// rememberizer400Echo is a 400 whose body echoes a request with secrets.
func rememberizer400Echo() rememberizertest.Fault {
	return rememberizertest.Fault{Status: 400, Body: `{"error":"invalid_request","error_description":"client_secret=test-client-secret code_verifier=abc"}`}
}

func TestTokenEndpointTimeout(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond} })
	cb := e.authorize(t)
	e.fake.FailNextToken(rememberizertest.Fault{Delay: time.Minute})
	_, err := e.c.callback(cb)
	if !errors.Is(err, errTokenEndpoint) || !strings.Contains(err.Error(), "timeout") {
		t.Fatalf("got %v, want a token endpoint timeout", err)
	}
}

func TestNoSecretsInLogs(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{TokenLifetime: time.Hour}, nil)
	var secrets []string
	record := func(r *fakeRequest) {
		for _, c := range r.sentCookies() {
			if c.Value != "" {
				secrets = append(secrets, c.Value)
			}
		}
	}
	// Success.
	cb := e.authorize(t)
	u, _ := url.Parse(cb.URI())
	secrets = append(secrets, u.Query().Get("code"), u.Query().Get("state"))
	if _, err := e.c.callback(cb); err != nil {
		t.Fatal(err)
	}
	secrets = append(secrets, e.fake.LastTokenRequest().Get("code_verifier"), e.fake.ClientSecret())
	record(cb)
	next := cb.followUp("GET", "/private")
	s, err := e.c.authenticate(next)
	if err != nil {
		t.Fatal(err)
	}
	secrets = append(secrets, s.sec().tok.AccessToken, s.sec().tok.RefreshToken, s.sec().id)
	// Refresh.
	e.advance(2 * time.Hour)
	next = next.followUp("GET", "/private")
	s, err = e.c.authenticate(next)
	if err != nil {
		t.Fatal(err)
	}
	secrets = append(secrets, s.sec().tok.AccessToken, s.sec().tok.RefreshToken)
	record(next)
	e.c.log.Info("session", "s", s)
	// Provider error, token endpoint 400 with echo, 500.
	for _, f := range []*rememberizertest.Fault{nil, {Status: 400, Body: `{"error":"invalid_grant","error_description":"` + e.fake.ClientSecret() + `"}`}, {Status: 500, Body: e.fake.ClientSecret()}} {
		cb := e.authorize(t)
		u, _ := url.Parse(cb.URI())
		secrets = append(secrets, u.Query().Get("code"), u.Query().Get("state"))
		if f == nil {
			cb = cb.followUp("GET", "/auth/rememberizer/callback?state="+url.QueryEscape(u.Query().Get("state"))+"&error=access_denied")
			// followUp dropped the pending cookie? No: it keeps cookies.
		} else {
			e.fake.FailNextToken(*f)
		}
		_, err := e.c.callback(cb)
		if err == nil {
			t.Fatal("want an error")
		}
		e.c.errorReply(cb, err)
	}
	// Logout.
	out := next.followUp("POST", "/auth/rememberizer/logout")
	if _, err := e.c.logout(out); err != nil {
		t.Fatal(err)
	}
	// Every type holding a secret, printed every way: fmt's verbs, slog's
	// text and JSON handlers, json.Marshal (SECURITY.md S11).
	pub := &Client{c: hide(e.c)}
	for _, v := range []any{pub, *pub, e.c.cfg, &e.c.cfg, s, *s} {
		printEveryForm(e.logs, v)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "signed in") || !strings.Contains(logs, "refreshed") || !strings.Contains(logs, "signed out") {
		t.Fatalf("expected log lines missing: %s", logs)
	}
	for _, s := range secrets {
		if s == "" {
			t.Fatal("an empty secret was recorded")
		}
		for i, form := range secretForms([]byte(s)) {
			if strings.Contains(logs, form) {
				t.Fatalf("a secret (%d chars) appears in the logs (form %d)", len(s), i)
			}
		}
	}
	if found := findSecret(logs, map[string][]byte{"session key": e.c.cfg.SessionKeys[0]}); found != "" {
		t.Fatalf("the %s appears in the logs", found)
	}
}

// flakyStore wraps a server-side store and fails what it is told to.
type flakyStore struct {
	Store
	mu       sync.Mutex
	failLoad error
	failSave error
}

func (f *flakyStore) Find(ctx context.Context, key string) ([]byte, bool, error) {
	f.mu.Lock()
	err := f.failLoad
	f.mu.Unlock()
	if err != nil {
		return nil, false, err
	}
	return f.Store.Find(ctx, key)
}

func (f *flakyStore) Commit(ctx context.Context, key string, v []byte, ttl time.Duration) error {
	f.mu.Lock()
	err := f.failSave
	f.mu.Unlock()
	if err != nil {
		return err
	}
	return f.Store.Commit(ctx, key, v, ttl)
}

// flakyBrowserStore wraps a browser store and fails what it is told to.
// It is a Store too, as Config.Store takes one; core never calls the keyed
// methods of a store that keeps its values with the request, and they
// fail if it does.
type flakyBrowserStore struct {
	adapter.BrowserStore
	mu       sync.Mutex
	failLoad error
	failSave error
}

func (f *flakyBrowserStore) Load(req adapter.Request, slot adapter.Slot) ([]byte, error) {
	f.mu.Lock()
	err := f.failLoad
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return f.BrowserStore.Load(req, slot)
}

func (f *flakyBrowserStore) Save(req adapter.Request, slot adapter.Slot, v []byte) error {
	f.mu.Lock()
	err := f.failSave
	f.mu.Unlock()
	if err != nil {
		return err
	}
	return f.BrowserStore.Save(req, slot, v)
}

func TestStoreFailureAfterRefresh(t *testing.T) {
	t.Parallel()
	var e *testEnv
	store := &flakyStore{Store: NewMemoryStore(MemoryStoreConfig{Now: func() time.Time { return e.clock() }})}
	e = newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.Store = store })
	req := e.signIn(t)
	mem := store.Store.(*MemoryStore)
	id := req.Cookie(e.c.sessionSlot.Name)
	key := recordKey("session", id)
	before, _, _ := mem.Find(context.Background(), key)

	e.advance(2 * time.Hour)
	store.mu.Lock()
	store.failSave = errors.New("disk full")
	store.mu.Unlock()
	s, err := e.c.authenticate(req)
	if s != nil || !errors.Is(err, ErrStore) || statusFor(err) != 500 {
		t.Fatalf("got %v, %v; want ErrStore (500) and no session", s, err)
	}
	after, _, _ := mem.Find(context.Background(), key)
	if !bytes.Equal(before, after) || req.Cookie(e.c.sessionSlot.Name) != id {
		t.Fatal("the stored session changed although the save failed")
	}
	// The store is back: the refreshed tokens are used, not refreshed again
	// with the rotated-away refresh token.
	store.mu.Lock()
	store.failSave = nil
	store.mu.Unlock()
	if _, err := e.c.authenticate(req.followUp("GET", "/private")); err != nil {
		t.Fatalf("after the store recovered: %v", err)
	}
	if e.fake.RefreshCalls() != 1 {
		t.Fatalf("refresh calls: got %d, want 1", e.fake.RefreshCalls())
	}
}

func TestStoreErrorsFailClosed(t *testing.T) {
	t.Parallel()
	store := &flakyBrowserStore{BrowserStore: cookieStore{}}
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.Store = store })
	req := e.signIn(t)
	for _, tt := range []struct {
		err    error
		status int
	}{
		{errors.New("boom"), 500},
		{ErrStoreUnavailable, 503},
	} {
		store.mu.Lock()
		store.failLoad = tt.err
		store.mu.Unlock()
		s, err := e.c.authenticate(req)
		if s != nil || err == nil || isSignedOut(err) || statusFor(err) != tt.status {
			t.Fatalf("store error %v: got %v, %v (status %d); want a %d error", tt.err, s, err, statusFor(err), tt.status)
		}
		if e.c.authenticateOptional(req) != nil {
			t.Fatal("AuthenticateOptional returned a session despite the store error")
		}
	}
}

func TestRefreshSkewAtMostHalfLifetime(t *testing.T) {
	t.Parallel()
	c, err := newClient(validConfig())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lifetime, at time.Duration
		want         bool
	}{
		{time.Hour, 59*time.Minute + 29*time.Second, false},
		{time.Hour, 59*time.Minute + 30*time.Second, true},
		{40 * time.Second, 19 * time.Second, false}, // skew capped at 20 s
		{40 * time.Second, 20 * time.Second, true},
		{0, 100 * time.Hour, false}, // no expiry known
	}
	for _, tt := range tests {
		tok := tokenPair{AccessToken: "a", RefreshToken: "r", IssuedAt: start}
		if tt.lifetime > 0 {
			tok.Expiry = start.Add(tt.lifetime)
		}
		if got := c.needsRefresh(tok, start.Add(tt.at)); got != tt.want {
			t.Errorf("lifetime %v at %v: got %v, want %v", tt.lifetime, tt.at, got, tt.want)
		}
	}
}

func TestParseAccount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body, id string
		ok       bool
	}{
		{`{"id":42,"email":"a@b.c","name":"A"}`, "42", true},
		{`{"id":"abc-1","email":"a@b.c","name":"A"}`, "abc-1", true},
		{`{"id":12345678901234,"name":"A"}`, "12345678901234", true},
		{`{"id":4.5}`, "", false},
		{`{"id":null}`, "", false},
		{`{"email":"a@b.c"}`, "", false},
		{`{"id":""}`, "", false},
		{`[1]`, "", false},
		{`not json`, "", false},
	}
	for _, tt := range tests {
		u, err := parseAccount([]byte(tt.body))
		if (err == nil) != tt.ok || u.ID != tt.id {
			t.Errorf("%s: got %q, %v; want id %q ok=%v", tt.body, u.ID, err, tt.id, tt.ok)
		}
		if err != nil && !errors.Is(err, errAccountEndpoint) {
			t.Errorf("%s: error %v does not wrap errAccountEndpoint", tt.body, err)
		}
	}
}

func TestKeyRotationEndToEnd(t *testing.T) {
	t.Parallel()
	oldKey, newKey := ringKey(9), ringKey(10)
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.SessionKeys = [][]byte{oldKey} })
	req := e.signIn(t)
	with := func(keys ...[]byte) *client {
		cfg := e.c.cfg
		cfg.SessionKeys = keys
		c, err := newClient(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// A new key put first: the old cookie still opens, and what is sealed
	// from now on uses the new key.
	rotated := with(newKey, oldKey)
	if _, err := rotated.authenticate(req); err != nil {
		t.Fatalf("old cookie after rotation: got %v, want signed in", err)
	}
	// The old key retired: the old cookie is signed out, never a 500.
	retired := with(newKey)
	if _, err := retired.authenticate(req.followUp("GET", "/private")); !errors.Is(err, ErrNotSignedIn) {
		t.Fatalf("old cookie after the key was retired: got %v, want ErrNotSignedIn", err)
	}
	// A session sealed under the new key opens with the new key alone.
	e.advance(2 * time.Minute)
	touched := req.followUp("GET", "/private")
	if _, err := rotated.authenticate(touched); err != nil {
		t.Fatal(err)
	}
	if _, err := retired.authenticate(touched.followUp("GET", "/private")); err != nil {
		t.Fatalf("cookie resealed after rotation: got %v, want it to open with the new key", err)
	}
}

var errKeyedBrowserStore = errors.New("test: keyed call to a store that keeps values with the request")

func (*flakyBrowserStore) Find(context.Context, string) ([]byte, bool, error) {
	return nil, false, errKeyedBrowserStore
}

func (*flakyBrowserStore) Commit(context.Context, string, []byte, time.Duration) error {
	return errKeyedBrowserStore
}

func (*flakyBrowserStore) Delete(context.Context, string) error { return errKeyedBrowserStore }
