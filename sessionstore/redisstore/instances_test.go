package redisstore_test

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// cluster is one fake Rememberizer and two app instances sharing a Redis,
// a clock and session keys, as behind a load balancer.
type cluster struct {
	fake      *rememberizertest.Server
	apps      [2]*httptest.Server
	clients   [2]*core.Client
	mu        sync.Mutex
	now       time.Time
	redirectU string
}

func (c *cluster) clock() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *cluster) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newCluster(t *testing.T, srv *redistest.Server) *cluster {
	t.Helper()
	cl := &cluster{now: time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)}
	cl.fake = rememberizertest.NewServer(rememberizertest.Config{Now: cl.clock})
	t.Cleanup(cl.fake.Close)
	// Both instances serve one public origin; the test talks to either.
	cl.redirectU = "http://localhost:8080/auth/rememberizer/callback"
	for i := range cl.apps {
		store, _ := newStore(t, srv)
		c, err := core.New(core.Config{
			ClientID:     cl.fake.ClientID(),
			ClientSecret: cl.fake.ClientSecret(),
			RedirectURL:  cl.redirectU,
			SessionKeys:  [][]byte{[]byte("redisstore instances test key 32")},
			BaseURL:      cl.fake.URL,
			Store:        store,
			Now:          cl.clock,
			Logger:       slog.New(slog.DiscardHandler),
		})
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		nethttp.Mount(mux, c)
		mux.Handle("/private", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			u, _ := core.UserFrom(r.Context())
			io.WriteString(w, "user="+u.ID)
		})))
		cl.apps[i] = httptest.NewServer(mux)
		t.Cleanup(cl.apps[i].Close)
		cl.clients[i] = c
	}
	return cl
}

// get sends a request to instance i with the given cookies.
func get(t *testing.T, base, path string, cookies []*http.Cookie) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Header.Set("Accept", "text/html")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// signIn starts on instance a, finishes on instance b, and returns the
// session cookie.
func (cl *cluster) signIn(t *testing.T, a, b int) *http.Cookie {
	t.Helper()
	login := get(t, cl.apps[a].URL, "/auth/rememberizer/login", nil)
	authz := get(t, "", login.Header.Get("Location"), nil)
	cb, _ := url.Parse(authz.Header.Get("Location"))
	done := get(t, cl.apps[b].URL, cb.Path+"?"+cb.RawQuery, login.Cookies())
	if done.StatusCode != http.StatusSeeOther {
		t.Fatalf("callback on instance %d: got %d, want 303", b, done.StatusCode)
	}
	for _, c := range done.Cookies() {
		if c.Name == "rememberizer_session" {
			return c
		}
	}
	t.Fatal("no session cookie")
	return nil
}

func TestTwoInstancesRefreshOnce(t *testing.T) {
	srv := redistest.Start(t)
	cl := newCluster(t, srv)
	session := cl.signIn(t, 0, 1)
	cl.advance(time.Hour + time.Minute) // the access token has expired

	var wg sync.WaitGroup
	statuses := make([]int, 50)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = get(t, cl.apps[i%2].URL, "/private", []*http.Cookie{session}).StatusCode
		}()
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("request %d (instance %d): got %d, want 200", i, i%2, s)
		}
	}
	if got := cl.fake.RefreshCalls(); got != 1 {
		t.Fatalf("refresh calls across both instances: got %d, want exactly 1", got)
	}
	// The stored refresh token is the newest: the next refresh, on either
	// instance, succeeds with it.
	cl.advance(time.Hour + time.Minute)
	if s := get(t, cl.apps[1].URL, "/private", []*http.Cookie{session}).StatusCode; s != http.StatusOK {
		t.Fatalf("second refresh: got %d, want 200", s)
	}
	if got := cl.fake.Refreshes(); got != 2 {
		t.Fatalf("successful refreshes: got %d, want 2", got)
	}
}

func TestReplayedCallbackAcrossInstances(t *testing.T) {
	srv := redistest.Start(t)
	cl := newCluster(t, srv)
	login := get(t, cl.apps[0].URL, "/auth/rememberizer/login", nil)
	authz := get(t, "", login.Header.Get("Location"), nil)
	cb, _ := url.Parse(authz.Header.Get("Location"))
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			get(t, cl.apps[i%2].URL, cb.Path+"?"+cb.RawQuery, login.Cookies())
		}()
	}
	wg.Wait()
	if got := cl.fake.TokenCalls(); got != 1 {
		t.Fatalf("10 concurrent identical callbacks on two instances: got %d token calls, want 1", got)
	}
}

func TestRedisDownFailsClosedThenRecovers(t *testing.T) {
	srv := redistest.Start(t)
	cl := newCluster(t, srv)
	session := cl.signIn(t, 0, 0)
	if s := get(t, cl.apps[1].URL, "/private", []*http.Cookie{session}).StatusCode; s != http.StatusOK {
		t.Fatalf("before the outage: got %d, want 200", s)
	}
	srv.Stop()
	resp := get(t, cl.apps[0].URL, "/private", []*http.Cookie{session})
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("Redis down: got %d, want 503 (the protected handler must not run)", resp.StatusCode)
	}
	// Starting a sign-in keeps nothing server-side, so it works; the
	// callback, which needs the store, fails closed.
	if s := get(t, cl.apps[0].URL, "/auth/rememberizer/login", nil).StatusCode; s != http.StatusFound {
		t.Fatalf("starting a sign-in with Redis down: got %d, want 302", s)
	}
	// A direct call shows the clear error.
	store, _ := newStore(t, srv)
	_, _, err := store.Find(context.Background(), "session:x")
	if !errors.Is(err, core.ErrStoreUnavailable) || !strings.Contains(err.Error(), "redis") {
		t.Fatalf("Find with Redis down: got %v, want ErrStoreUnavailable naming redis", err)
	}

	srv.Restart() // an empty Redis: the old session is gone
	if s := get(t, cl.apps[0].URL, "/private", []*http.Cookie{session}).StatusCode; s != http.StatusFound {
		t.Fatalf("after restart, old session: got %d, want 302 to sign in", s)
	}
	again := cl.signIn(t, 1, 0)
	if s := get(t, cl.apps[1].URL, "/private", []*http.Cookie{again}).StatusCode; s != http.StatusOK {
		t.Fatalf("after restart, new sign-in: got %d, want 200", s)
	}
}

func TestDumpShowsNoSecret(t *testing.T) {
	srv := redistest.Start(t)
	cl := newCluster(t, srv)
	session := cl.signIn(t, 0, 0)
	rt := cl.fake.CurrentRefreshToken("42")
	_, rdb := newStore(t, srv)
	ctx := context.Background()
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil || len(keys) == 0 {
		t.Fatalf("keys: %v %v", keys, err)
	}
	for _, k := range keys {
		if strings.Contains(k, session.Value) {
			t.Fatalf("key %q holds the session cookie", k)
		}
		v, err := rdb.Dump(ctx, k).Result()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := rdb.Get(ctx, k).Bytes()
		for _, blob := range []string{v, string(raw), base64.StdEncoding.EncodeToString(raw)} {
			if strings.Contains(blob, rt) || strings.Contains(blob, "ada@example.com") {
				t.Fatalf("key %q shows a token or the user's email", k)
			}
		}
		if ttl := rdb.TTL(ctx, k).Val(); ttl <= 0 || ttl > 7*24*time.Hour {
			t.Fatalf("key %q: TTL %v, want the session lifetime", k, ttl)
		}
	}
}

// fakeReq is the least core.Request that carries one cookie.
type fakeReq struct{ cookie string }

func (f fakeReq) Context() context.Context { return context.Background() }
func (f fakeReq) Method() string           { return "GET" }
func (f fakeReq) URI() string              { return "/" }
func (f fakeReq) Header(string) string     { return "" }
func (f fakeReq) Cookie(string) string     { return f.cookie }
func (f fakeReq) SetCookie(*core.Cookie)   {}
func (f fakeReq) SetHeader(string, string) {}
