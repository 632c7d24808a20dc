package ginmw_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/internal/adaptertest"
)

// signedInRequest returns an engine serving private behind
// RequireRememberizer, and a request carrying a signed-in session cookie.
func signedInRequest(b *testing.B, store core.Store) (*gin.Engine, *http.Request) {
	c, cookie := adaptertest.SignedIn(b, store)
	r := gin.New()
	r.GET("/private", ginmw.RequireRememberizer(c), private)
	req := httptest.NewRequest("GET", "/private", nil)
	req.AddCookie(cookie)
	return r, req
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
