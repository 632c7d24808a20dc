package storetest

import (
	"context"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// recorder wraps the store under test and remembers every key committed,
// so scenarios can look at what core wrote.
type recorder struct {
	core.Store
	mu   sync.Mutex
	keys []string
}

func (r *recorder) Commit(ctx context.Context, key string, b []byte, ttl time.Duration) error {
	r.mu.Lock()
	r.keys = append(r.keys, key)
	r.mu.Unlock()
	return r.Store.Commit(ctx, key, b, ttl)
}

// committed returns the distinct keys committed with the given prefix.
func (r *recorder) committed(prefix string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, k := range r.keys {
		if strings.HasPrefix(k, prefix) && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// app is a small net/http app on the fake Rememberizer, with core on top
// of the store under test.
type app struct {
	fake   *rememberizertest.Server
	client *core.Client
	srv    *httptest.Server
}

func newKey(t testing.TB) []byte {
	k := make([]byte, 32)
	if _, err := io.ReadFull(rand.Reader, k); err != nil {
		t.Fatal(err)
	}
	return k
}

// newApp starts an app whose core.Config is edited by edit (to place the
// store), on fake.
func newApp(t *testing.T, fake *rememberizertest.Server, key []byte, edit func(*core.Config)) *app {
	t.Helper()
	a := &app{fake: fake}
	mux := http.NewServeMux()
	a.srv = httptest.NewUnstartedServer(mux)
	a.srv.Start()
	t.Cleanup(a.srv.Close)
	cfg := core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  a.srv.URL + "/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key},
		BaseURL:      fake.URL,
		Logger:       slog.New(slog.DiscardHandler),
	}
	edit(&cfg)
	c, err := core.New(cfg)
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	a.client = c
	nethttp.Mount(mux, c)
	mux.Handle("/me", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := core.UserFrom(r.Context())
		io.WriteString(w, u.ID)
	})))
	mux.Handle("/mementos", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc, err := c.API(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if _, err := rc.Mementos(r.Context()); err != nil {
			status := core.ErrorPageFor(err).Status
			if re := (*rememberizer.Error)(nil); errors.As(err, &re) {
				status = re.StatusCode
			}
			http.Error(w, "API call failed", status)
		}
	})))
	return a
}

// browser returns a new cookie-keeping browser for the app.
func (a *app) browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar}
}

// signIn signs browser in as the fake's current user.
func (a *app) signIn(t *testing.T, browser *http.Client) {
	t.Helper()
	resp, err := browser.Get(a.srv.URL + "/auth/rememberizer/login?return_to=/me")
	if err != nil {
		t.Fatalf("sign-in: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(body) == 0 {
		t.Fatalf("sign-in: got %d %q, want 200 and the user id", resp.StatusCode, body)
	}
}

// get returns the status and body of path for browser.
func (a *app) get(t *testing.T, browser *http.Client, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", a.srv.URL+path, nil)
	req.Header.Set("Accept", "application/json")
	resp, err := browser.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}
