package nethttp_test

import (
	"io"
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

// signedInRequest signs in once against the fake and returns a client, a
// handler protected by RequireRememberizer, and a request carrying the
// session cookie.
func signedInRequest(b *testing.B, store core.Store) (http.Handler, *http.Request) {
	b.Helper()
	fake := rememberizertest.NewServer(rememberizertest.Config{})
	b.Cleanup(fake.Close)
	c, err := core.New(core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  "http://localhost/auth/rememberizer/callback",
		SessionKeys:  [][]byte{make([]byte, core.KeySize)},
		BaseURL:      fake.URL,
		Store:        store,
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("/private", nethttp.RequireRememberizer(c)(http.HandlerFunc(private)))

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/auth/rememberizer/login", nil))
	login := rec.Result()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(login.Header.Get("Location"))
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	cb, _ := url.Parse(resp.Header.Get("Location"))
	req := httptest.NewRequest("GET", cb.RequestURI(), nil)
	for _, ck := range login.Cookies() {
		req.AddCookie(ck)
	}
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		b.Fatalf("callback: %d", rec.Code)
	}
	priv := httptest.NewRequest("GET", "/private", nil)
	for _, ck := range rec.Result().Cookies() {
		if strings.HasSuffix(ck.Name, "_session") {
			priv.AddCookie(ck)
		}
	}
	return mux, priv
}

func private(w http.ResponseWriter, r *http.Request) {
	u, ok := core.UserFrom(r.Context())
	if ok {
		io.WriteString(w, u.Name)
		return
	}
	io.WriteString(w, "public")
}

// discard is a ResponseWriter that keeps headers and drops the body, so
// the benchmark measures the handler, not a recorder.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

func benchHandler(b *testing.B, h http.Handler, r *http.Request, want string) {
	w := &discard{h: http.Header{}}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Body.String() != want {
		b.Fatalf("got %d %q, want %q", rec.Code, rec.Body.String(), want)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clear(w.h)
		h.ServeHTTP(w, r)
	}
}

// BenchmarkBareHandler is the floor: the same handler, unprotected.
func BenchmarkBareHandler(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("/private", private)
	benchHandler(b, mux, httptest.NewRequest("GET", "/private", nil), "public")
}

// BenchmarkRequireRememberizerCookieStore is an authenticated request with
// the default sealed-cookie store.
func BenchmarkRequireRememberizerCookieStore(b *testing.B) {
	h, r := signedInRequest(b, nil)
	benchHandler(b, h, r, "Ada Lovelace")
}

// BenchmarkRequireRememberizerMemoryStore is the same with the memory store.
func BenchmarkRequireRememberizerMemoryStore(b *testing.B) {
	h, r := signedInRequest(b, core.NewMemoryStore())
	benchHandler(b, h, r, "Ada Lovelace")
}
