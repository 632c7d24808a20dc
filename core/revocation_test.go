package core

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/internal/syncbuf"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// tokenGate holds token-endpoint requests, once armed, until released:
// a refresh in flight, for as long as a test needs.
type tokenGate struct {
	base    http.RoundTripper
	mu      sync.Mutex
	armed   bool
	arrived chan struct{}
	release chan struct{}
}

func newTokenGate() *tokenGate {
	return &tokenGate{base: http.DefaultTransport.(*http.Transport).Clone(), arrived: make(chan struct{}, 1), release: make(chan struct{})}
}

func (g *tokenGate) arm() {
	g.mu.Lock()
	g.armed = true
	g.mu.Unlock()
}

func (g *tokenGate) RoundTrip(r *http.Request) (*http.Response, error) {
	g.mu.Lock()
	armed := g.armed
	g.mu.Unlock()
	if armed && r.Method == "POST" && strings.HasSuffix(r.URL.Path, tokenPath) {
		g.arrived <- struct{}{}
		<-g.release
	}
	return g.base.RoundTrip(r)
}

// grantEnv is a client with a memory grant store whose token requests go
// through a gate.
func grantEnv(t *testing.T) (*testEnv, *MemoryStore, *tokenGate) {
	gate := newTokenGate()
	var grants *MemoryStore
	e := newTestEnv(t, rememberizertest.Config{DetectReuse: true}, func(c *Config) {
		grants = NewMemoryStore(MemoryStoreConfig{Now: c.Now})
		c.GrantStore = grants
		c.HTTPClient = &http.Client{Transport: gate, Timeout: 5 * time.Second}
	})
	return e, grants, gate
}

// A refresh in flight when DeleteGrant runs does not store the grant again.
func TestDeleteGrantHoldsAgainstARefreshInFlight(t *testing.T) {
	t.Parallel()
	e, _, gate := grantEnv(t)
	ctx := context.Background()
	e.signIn(t)
	e.advance(2 * time.Hour)
	ts, err := e.c.TokenSourceFor(ctx, "42")
	if err != nil {
		t.Fatal(err)
	}
	gate.arm()
	done := make(chan error, 1)
	go func() {
		_, err := ts.Token()
		done <- err
	}()
	<-gate.arrived // the refresh is at the token endpoint
	if err := e.c.DeleteGrant(ctx, "42"); err != nil {
		t.Fatal(err)
	}
	close(gate.release)
	if err := <-done; !errors.Is(err, ErrGrantRevoked) {
		t.Fatalf("the refresh in flight: got %v, want ErrGrantRevoked", err)
	}
	if _, ok, err := e.c.loadGrant(ctx, "42"); ok || err != nil {
		t.Fatalf("after the refresh finished: grant found %v (%v), want it to stay deleted", ok, err)
	}
	if _, err := e.c.HTTPClientFor(ctx, "42"); !errors.Is(err, ErrNoGrant) {
		t.Fatalf("background access: got %v, want ErrNoGrant", err)
	}
}

// A session made before DeleteGrant never uses the grant a later sign-in
// stores, and is signed out.
func TestDeleteGrantThenSignInElsewhere(t *testing.T) {
	t.Parallel()
	e, _, _ := grantEnv(t)
	ctx := context.Background()
	old := e.signIn(t)
	oldSession, err := e.c.authenticate(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.c.DeleteGrant(ctx, "42"); err != nil {
		t.Fatal(err)
	}
	other := e.signIn(t) // the same user, another browser, the same millisecond
	if _, err := e.c.authenticate(other); err != nil {
		t.Fatalf("the new sign-in: %v", err)
	}
	if _, err := e.c.authenticate(old.followUp("GET", "/private")); !isSignedOut(err) {
		t.Fatalf("the old session: got %v, want signed out", err)
	}
	// Even handed straight to the API client, the old session's grant is
	// not the new one.
	hc, err := e.c.HTTPClient(e.c.NewContext(ctx, oldSession))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hc.Get(e.c.apiURL("mementos/")); !isSignedOut(err) {
		t.Fatalf("the old session's API client: got %v, want signed out", err)
	}
}

// An old copy of the grant's record written back after DeleteGrant does
// not open, for sessions or for background jobs.
func TestDeleteGrantRefusesARecordWrittenBack(t *testing.T) {
	t.Parallel()
	e, grants, _ := grantEnv(t)
	ctx := context.Background()
	b := e.signIn(t)
	key := grantKey("42")
	copied, found, _ := grants.Find(ctx, key)
	if !found {
		t.Fatal("no grant record after sign-in")
	}
	copied = append([]byte(nil), copied...)
	e.advance(time.Second)
	if err := e.c.DeleteGrant(ctx, "42"); err != nil {
		t.Fatal(err)
	}
	if err := grants.Commit(ctx, key, copied, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.HTTPClientFor(ctx, "42"); !errors.Is(err, ErrNoGrant) {
		t.Fatalf("background access to the record written back: got %v, want ErrNoGrant", err)
	}
	if _, err := e.c.authenticate(b); !isSignedOut(err) {
		t.Fatalf("the session: got %v, want signed out", err)
	}
}

// A refusal seen by a background job ends the user's sessions too.
func TestBackgroundRefusalEndsSessions(t *testing.T) {
	t.Parallel()
	e, _, _ := grantEnv(t)
	ctx := context.Background()
	b := e.signIn(t)
	e.fake.Disconnect("42")
	e.advance(2 * time.Hour)
	ts, err := e.c.TokenSourceFor(ctx, "42")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Token(); !errors.Is(err, ErrGrantRevoked) {
		t.Fatalf("background refresh: got %v, want ErrGrantRevoked", err)
	}
	if _, err := e.c.authenticate(b); !isSignedOut(err) {
		t.Fatalf("the user's session: got %v, want signed out", err)
	}
	if got := e.fake.RefreshCalls(); got != 1 {
		t.Fatalf("refresh calls: got %d, want 1", got)
	}
}

// A session whose tokens are in a grant store, presented to an instance
// configured without one, is signed out with one log line (S30).
func TestGrantSessionOnInstanceWithoutGrantStore(t *testing.T) {
	t.Parallel()
	e, _, _ := grantEnv(t)
	b := e.signIn(t)
	session, err := e.c.authenticate(b)
	if err != nil {
		t.Fatal(err)
	}
	plain := newTestEnvSharing(t, e, nil)
	r := b.followUp("GET", "/private")
	if _, err := plain.c.authenticate(r); !isSignedOut(err) {
		t.Fatalf("got %v, want signed out", err)
	}
	if c, ok := r.sentCookie(plain.c.sessionSlot.Name); !ok || c.MaxAge > 0 {
		t.Fatal("the session cookie was not expired")
	}
	if n := strings.Count(plain.logs.String(), "no Config.GrantStore"); n != 1 {
		t.Fatalf("log lines naming the missing grant store: got %d, want 1:\n%s", n, plain.logs.String())
	}
	// Handed to the API client directly: an error, not a panic.
	hc, err := plain.c.HTTPClient(plain.c.NewContext(context.Background(), session))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hc.Get(plain.c.apiURL("mementos/")); !isSignedOut(err) {
		t.Fatalf("API client: got %v, want signed out", err)
	}
}

// A session record of a newer version is signed out with one log line.
func TestNewerSessionRecordSignedOut(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	s := &Session{User: User{ID: "42"}, CreatedAt: e.clock(), LastSeen: e.clock(), secrets: hide(&sessionSecrets{id: "id"})}
	plain := encodeSession(nil, s)
	plain[0] = recordVersion + 1
	sealed, err := e.c.keys.seal(nil, plain, e.c.sessionSlot.Name)
	if err != nil {
		t.Fatal(err)
	}
	r := newFakeRequest("GET", "/private")
	if err := (cookieStore{}).Save(r, e.c.sessionSlot, sealed); err != nil {
		t.Fatal(err)
	}
	r = r.followUp("GET", "/private")
	if _, err := e.c.authenticate(r); !isSignedOut(err) {
		t.Fatalf("got %v, want signed out", err)
	}
	if n := strings.Count(e.logs.String(), "newer version"); n != 1 {
		t.Fatalf("log lines: got %d, want 1:\n%s", n, e.logs.String())
	}
}

// A grant's session written before generations (record version 2) still
// works: it reads the grant and takes on its generation.
func TestGrantSessionWithoutGeneration(t *testing.T) {
	t.Parallel()
	e, _, _ := grantEnv(t)
	b := e.signIn(t)
	s, err := e.c.authenticate(b)
	if err != nil {
		t.Fatal(err)
	}
	e2 := encoder{}
	e2.byte(recordVersionNoGen)
	e2.string(s.sec().id)
	e2.time(milliOrZero(s.CreatedAt))
	e2.time(milliOrZero(s.LastSeen))
	e2.string(s.User.ID)
	e2.string(s.User.Email)
	e2.string(s.User.Name)
	e2.uint(sessionFlagGrant)
	old, err := decodeSession(e2.buf)
	if err != nil || !old.sec().grant || old.sec().grantGen != 0 || !old.sec().tok.Expiry.IsZero() {
		t.Fatalf("decoded %+v, %v; want a grant session with no generation or expiry", old, err)
	}
	sealed, err := e.c.keys.seal(nil, e2.buf, e.c.sessionSlot.Name)
	if err != nil {
		t.Fatal(err)
	}
	r := newFakeRequest("GET", "/private")
	if err := (cookieStore{}).Save(r, e.c.sessionSlot, sealed); err != nil {
		t.Fatal(err)
	}
	got, err := e.c.authenticate(r.followUp("GET", "/private"))
	if err != nil {
		t.Fatal(err)
	}
	if got.sec().grantGen != s.sec().grantGen || !got.sec().tok.Expiry.Equal(s.sec().tok.Expiry) {
		t.Fatalf("got generation %d expiry %v, want %d %v", got.sec().grantGen, got.sec().tok.Expiry, s.sec().grantGen, s.sec().tok.Expiry)
	}
}

// newTestEnvSharing is a second instance beside e: the same fake, clock
// and keys, its own logs, configured by change.
func newTestEnvSharing(t *testing.T, e *testEnv, change func(*Config)) *testEnv {
	t.Helper()
	cfg := e.c.cfg
	cfg.Store, cfg.GrantStore = nil, nil
	o := &testEnv{fake: e.fake, clk: e.clk, logs: &syncbuf.Buffer{}}
	cfg.Logger = slog.New(slog.NewJSONHandler(o.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if change != nil {
		change(&cfg)
	}
	c, err := newClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	o.c = c
	return o
}

// A grant that expired (no mark was written) and a later sign-in's new
// grant: a session of the old grant does not use the new one.
func TestSessionKeepsToItsGrantGeneration(t *testing.T) {
	t.Parallel()
	e, grants, _ := grantEnv(t)
	ctx := context.Background()
	old := e.signIn(t)
	oldSession, err := e.c.authenticate(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := grants.Delete(ctx, grantKey("42")); err != nil { // as if it expired
		t.Fatal(err)
	}
	if _, err := e.c.authenticate(e.signIn(t)); err != nil {
		t.Fatalf("the new sign-in: %v", err)
	}
	hc, err := e.c.HTTPClient(e.c.NewContext(ctx, oldSession))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hc.Get(e.c.apiURL("mementos/")); !errors.Is(err, ErrReauthRequired) || !errors.Is(err, ErrNoGrant) {
		t.Fatalf("the old session's API client: got %v, want ErrReauthRequired wrapping ErrNoGrant", err)
	}
}
