package core

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// panickyTransport panics on its first token request, then passes.
type panickyTransport struct {
	armed atomic.Bool
}

func (p *panickyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/token/") && p.armed.CompareAndSwap(true, false) {
		panic("transport exploded")
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestRefreshPanicDoesNotWedgeTheSession(t *testing.T) {
	t.Parallel()
	tr := &panickyTransport{}
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.HTTPClient = &http.Client{Transport: tr} })
	req := e.signIn(t)
	e.advance(2 * time.Hour)
	tr.armed.Store(true)
	func() {
		defer func() {
			if p := recover(); p == nil {
				t.Fatal("the refresh's panic did not surface")
			}
		}()
		e.c.authenticate(req.followUp("GET", "/private"))
	}()
	// The next request of the session answers within its own time.
	done := make(chan error, 1)
	next := req.followUp("GET", "/private")
	go func() {
		_, err := e.c.authenticate(next)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("after the panic: got %v, want the session refreshed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the session is wedged behind a panicked refresh")
	}
}

// lockRecorder is the memory store with an in-process Locker that records
// the TTL it is asked for.
type lockRecorder struct {
	*MemoryStore
	mu   sync.Mutex
	ttls []time.Duration
	held sync.Mutex
}

func (l *lockRecorder) Lock(ctx context.Context, key string, ttl time.Duration) (func(), error) {
	l.mu.Lock()
	l.ttls = append(l.ttls, ttl)
	l.mu.Unlock()
	l.held.Lock()
	return l.held.Unlock, nil
}

// deadlineTransport records how long the token request's context had left.
type deadlineTransport struct {
	mu   sync.Mutex
	left []time.Duration
}

func (d *deadlineTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/token/") {
		if dl, ok := r.Context().Deadline(); ok {
			d.mu.Lock()
			d.left = append(d.left, time.Until(dl))
			d.mu.Unlock()
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}

// The cross-instance lock outlives the longest token request the HTTP
// client allows (SECURITY.md S23), however long its timeout: the refresh
// runs under a deadline that ends before the lock does.
func TestRefreshLockOutlivesTheTokenRequest(t *testing.T) {
	t.Parallel()
	for _, timeout := range []time.Duration{5 * time.Second, 45 * time.Second, 3 * time.Minute} {
		t.Run(timeout.String(), func(t *testing.T) {
			t.Parallel()
			store := &lockRecorder{MemoryStore: NewMemoryStore()}
			tr := &deadlineTransport{}
			e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
				c.Store = store
				c.HTTPClient = &http.Client{Timeout: timeout, Transport: tr}
			})
			req := e.signIn(t)
			tr.left = nil // the sign-in's exchange
			e.advance(2 * time.Hour)
			if _, err := e.c.authenticate(req); err != nil {
				t.Fatal(err)
			}
			if len(store.ttls) != 1 || len(tr.left) != 1 {
				t.Fatalf("got %d locks and %d token requests with a deadline, want 1 and 1", len(store.ttls), len(tr.left))
			}
			if ttl := store.ttls[0]; ttl <= timeout || tr.left[0] >= ttl {
				t.Fatalf("lock TTL %v, token request deadline in %v, HTTP timeout %v: want TTL > timeout and the deadline before the TTL", ttl, tr.left[0], timeout)
			}
		})
	}
}

// A copy of a cookie from before a rotation gets the new tokens for a
// minute (requests the browser sent before it saw the new cookie), and
// after that is signed out without spending its rotated-out refresh token,
// so a strict server never revokes the real user's grant.
func TestStalePreRotationCookie(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{DetectReuse: true}, nil)
	signedIn := e.signIn(t)
	e.advance(2 * time.Hour)
	first := signedIn.followUp("GET", "/private")
	if _, err := e.c.authenticate(first); err != nil {
		t.Fatal(err)
	}
	real := first.followUp("GET", "/private")
	// Within the minute: the stale copy gets the remembered result.
	e.advance(30 * time.Second)
	if _, err := e.c.authenticate(signedIn.followUp("GET", "/private")); err != nil {
		t.Fatalf("stale cookie within the minute: got %v, want signed in", err)
	}
	// After it: signed out, nothing spent.
	e.advance(time.Minute)
	stale := signedIn.followUp("GET", "/private")
	if _, err := e.c.authenticate(stale); !isSignedOut(err) {
		t.Fatalf("stale cookie after the minute: got %v, want signed out", err)
	}
	if e.fake.RefreshCalls() != 1 || e.fake.ReuseDetections() != 0 {
		t.Fatalf("got %d refresh calls and %d reuse detections, want 1 and 0", e.fake.RefreshCalls(), e.fake.ReuseDetections())
	}
	if c, ok := stale.sentCookie(e.c.sessionSlot.Name); !ok || c.MaxAge > 0 {
		t.Fatal("the stale cookie was not expired")
	}
	if s, err := e.c.authenticate(real); err != nil || s == nil {
		t.Fatalf("the real browser: got %v, want still signed in", err)
	}
}

// Without the refresh-token check after the lock, a second instance that
// read the session before the first refreshed would send the rotated-out
// token. With a server-side store the session is re-read under the lock.
func TestNoStaleRefreshTokenAfterTheLock(t *testing.T) {
	t.Parallel()
	store := &lockRecorder{MemoryStore: NewMemoryStore()}
	e := newTestEnv(t, rememberizertest.Config{DetectReuse: true}, func(c *Config) { c.Store = store })
	signedIn := e.signIn(t)
	e.advance(2 * time.Hour)
	// Instance B loaded the session (old refresh token) and waits for the
	// lock, which A holds while it refreshes.
	bReq := signedIn.followUp("GET", "/private")
	bSession, err := e.c.loadSession(bReq)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.authenticate(signedIn.followUp("GET", "/private")); err != nil {
		t.Fatalf("A's refresh: %v", err)
	}
	// Time passes: the token A stored is due again when B gets the lock.
	e.advance(2 * time.Hour)
	if _, _, err := e.c.sessionTokens(context.Background(), bReq, bSession, "", false); err != nil {
		t.Fatalf("B's refresh after A's: %v", err)
	}
	if e.fake.ReuseDetections() != 0 || e.fake.Refreshes() != 2 {
		t.Fatalf("got %d reuse detections and %d refreshes, want 0 and 2", e.fake.ReuseDetections(), e.fake.Refreshes())
	}
}
