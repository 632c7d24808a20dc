package adaptertest

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// SignedIn makes a client on a fake Rememberizer with the given store (nil
// for the default), signs a browser in once, and returns the client and
// the browser's session cookie: what a benchmark of an authenticated
// request needs, whatever the framework.
func SignedIn(tb testing.TB, store core.Store) (*core.Client, *http.Cookie) {
	tb.Helper()
	fake := rememberizertest.NewServer(rememberizertest.Config{})
	tb.Cleanup(fake.Close)
	c, err := core.New(core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  "http://localhost/auth/rememberizer/callback",
		SessionKeys:  [][]byte{testKey},
		BaseURL:      fake.URL,
		Store:        store,
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		tb.Fatal(err)
	}
	auth := nethttp.Handler(c)
	rec := httptest.NewRecorder()
	auth.ServeHTTP(rec, httptest.NewRequest("GET", c.LoginPath(), nil))
	login := rec.Result()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(login.Header.Get("Location"))
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	cb, _ := url.Parse(resp.Header.Get("Location"))
	req := httptest.NewRequest("GET", cb.RequestURI(), nil)
	for _, ck := range login.Cookies() {
		req.AddCookie(ck)
	}
	rec = httptest.NewRecorder()
	auth.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		tb.Fatalf("callback: got %d, want 303", rec.Code)
	}
	for _, ck := range rec.Result().Cookies() {
		if strings.HasSuffix(ck.Name, "_session") {
			return c, ck
		}
	}
	tb.Fatal("no session cookie")
	return nil, nil
}

// discard is a ResponseWriter that keeps headers and drops the body, so a
// benchmark measures the handler, not a recorder.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// BenchHTTP benchmarks h serving r (net/http and Gin), after checking
// once that it answers want, reporting allocations.
func BenchHTTP(b *testing.B, h http.Handler, r *http.Request, want string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Body.String() != want {
		b.Fatalf("got %d %q, want %q", rec.Code, rec.Body.String(), want)
	}
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clear(w.h)
		h.ServeHTTP(w, r)
	}
}
