package redisstore_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// clusterConfig shapes a [cluster].
type clusterConfig struct {
	// Fake configures the fake Rememberizer. A nil Now is the cluster's
	// settable clock; time.Now runs the cluster on real time.
	Fake rememberizertest.Config
	// Transport carries both instances' calls to Rememberizer (token
	// endpoint and API). Optional. Default: core's.
	Transport http.RoundTripper
	// Grants keeps each user's grant in the same Redis store.
	Grants bool
	// CookieSessions keeps sessions in the browser's cookie instead of
	// Redis (with Grants, the cookie carries identity, not tokens).
	CookieSessions bool
}

// cluster is one fake Rememberizer and two app instances sharing a Redis,
// a clock and session keys, as behind a load balancer. Each instance
// serves the auth routes and, protected:
//   - GET /private: "user=ID";
//   - GET /api: calls the fake's mementos API with the request's client
//     and answers "ok", or the error with core.StatusFor's status.
type cluster struct {
	fake    *rememberizertest.Server
	apps    [2]*httptest.Server
	clients [2]*core.Client
	// clock is the time of the fake and both instances, unless
	// clusterConfig.Fake.Now was set.
	clock *testclock.Clock
}

func newCluster(t *testing.T, srv *redistest.Server, cc clusterConfig) *cluster {
	t.Helper()
	cl := &cluster{clock: testclock.New(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC))}
	if cc.Fake.Now == nil {
		cc.Fake.Now = cl.clock.Now
	}
	cl.fake = rememberizertest.NewServer(cc.Fake)
	t.Cleanup(cl.fake.Close)
	for i := range cl.apps {
		store, _ := newStore(t, srv)
		cfg := core.Config{
			ClientID:     cl.fake.ClientID(),
			ClientSecret: cl.fake.ClientSecret(),
			// Both instances serve one public origin; the test talks to either.
			RedirectURL: "http://localhost:8080/auth/rememberizer/callback",
			SessionKeys: [][]byte{[]byte("\x86\xae\xb7\xfa\x2f\x9f\x30\x31\x72\xae\x8c\xe9\xd7\xac\x21\x63\x82\x9e\x7c\x86\x16\x55\x4a\x94\x8b\x03\x57\xb0\x22\x3b\xf8\x23")},
			BaseURL:     cl.fake.URL,
			Now:         cc.Fake.Now,
			Logger:      slog.New(slog.DiscardHandler),
		}
		if cc.Transport != nil {
			cfg.HTTPClient = &http.Client{Transport: cc.Transport}
		}
		if !cc.CookieSessions {
			cfg.Store = store
		}
		if cc.Grants {
			cfg.GrantStore = store
		}
		c, err := core.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		cl.apps[i] = httptest.NewServer(clusterApp(c))
		t.Cleanup(cl.apps[i].Close)
		cl.clients[i] = c
	}
	return cl
}

// clusterApp is the app each instance serves.
func clusterApp(c *core.Client) http.Handler {
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	protect := nethttp.RequireRememberizer(c)
	mux.Handle("/private", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := core.UserFrom(r.Context())
		io.WriteString(w, "user="+u.ID)
	})))
	mux.Handle("/api", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc, err := c.API(r.Context())
		if err = callMementos(rc, err); err != nil {
			http.Error(w, err.Error(), core.ErrorPageFor(err).Status)
			return
		}
		io.WriteString(w, "ok")
	})))
	return mux
}

// callMementos calls the fake's mementos API with rc, which c.API or
// c.APIFor returned with err, and returns what went wrong.
func callMementos(rc *rememberizer.Client, err error) error {
	if err != nil {
		return err
	}
	return adaptertest.GetMementos(context.Background(), rc)
}

// tryGet sends a navigation to base+path with the given cookies, without
// following redirects, and returns the response with its body read.
func tryGet(base, path string, cookies []*http.Cookie) (*http.Response, error) {
	req, err := http.NewRequest("GET", base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/html")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp, nil
}

// get is tryGet that ends the test on an error; goroutines call tryGet.
func get(t *testing.T, base, path string, cookies []*http.Cookie) *http.Response {
	t.Helper()
	resp, err := tryGet(base, path, cookies)
	if err != nil {
		t.Fatal(err)
	}
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
