package ginmw_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// signedInRequest signs in once against the fake and returns an engine
// serving private behind RequireRememberizer, and a request carrying the
// session cookie.
func signedInRequest(b *testing.B, store core.Store) (*gin.Engine, *http.Request) {
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
	r := gin.New()
	ginmw.Mount(r, c)
	r.GET("/private", ginmw.RequireRememberizer(c), private)

	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/auth/rememberizer/login", nil))
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
	r.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		b.Fatalf("callback: %d", rec.Code)
	}
	priv := httptest.NewRequest("GET", "/private", nil)
	for _, ck := range rec.Result().Cookies() {
		if strings.HasSuffix(ck.Name, "_session") {
			priv.AddCookie(ck)
		}
	}
	return r, priv
}

func private(ctx *gin.Context) {
	if u, ok := core.UserFrom(ctx.Request.Context()); ok {
		ctx.String(http.StatusOK, u.Name)
		return
	}
	ctx.String(http.StatusOK, "public")
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
	r := gin.New()
	r.GET("/private", private)
	benchHandler(b, r, httptest.NewRequest("GET", "/private", nil), "public")
}

// BenchmarkRequireRememberizerCookieStore is an authenticated request with
// the default sealed-cookie store.
func BenchmarkRequireRememberizerCookieStore(b *testing.B) {
	r, req := signedInRequest(b, nil)
	benchHandler(b, r, req, "Ada Lovelace")
}
