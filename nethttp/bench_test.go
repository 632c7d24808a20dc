package nethttp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
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

// BenchmarkBareHandler is the floor: the same handler, unprotected.
func BenchmarkBareHandler(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("/private", private)
	adaptertest.BenchHTTP(b, mux, httptest.NewRequest("GET", "/private", nil), "public")
}

// BenchmarkRequireRememberizerCookieStore is an authenticated request with
// the default sealed-cookie store.
func BenchmarkRequireRememberizerCookieStore(b *testing.B) {
	h, r := signedInRequest(b, nil)
	adaptertest.BenchHTTP(b, h, r, "Ada Lovelace")
}

// BenchmarkRequireRememberizerMemoryStore is the same with the memory store.
func BenchmarkRequireRememberizerMemoryStore(b *testing.B) {
	h, r := signedInRequest(b, core.NewMemoryStore())
	adaptertest.BenchHTTP(b, h, r, "Ada Lovelace")
}
