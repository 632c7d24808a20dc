package ginmw_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/ginmw"
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

// BenchmarkBareHandler is the floor: the same handler, unprotected.
func BenchmarkBareHandler(b *testing.B) {
	r := gin.New()
	r.GET("/private", private)
	adaptertest.BenchHTTP(b, r, httptest.NewRequest("GET", "/private", nil), "public")
}

// BenchmarkRequireRememberizerCookieStore is an authenticated request with
// the default sealed-cookie store.
func BenchmarkRequireRememberizerCookieStore(b *testing.B) {
	r, req := signedInRequest(b, nil)
	adaptertest.BenchHTTP(b, r, req, "Ada Lovelace")
}
