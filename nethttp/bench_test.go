package nethttp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/adaptertest"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// signedInRequest returns a handler serving private behind
// RequireRememberizer, and a request carrying a signed-in session cookie.
func signedInRequest(b *testing.B, store core.Store) (http.Handler, *http.Request) {
	c, cookie := adaptertest.SignedIn(b, store)
	mux := http.NewServeMux()
	mux.Handle("/private", nethttp.RequireRememberizer(c)(http.HandlerFunc(private)))
	req := httptest.NewRequest("GET", "/private", nil)
	req.AddCookie(cookie)
	return mux, req
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
