package bench

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-contrib/sessions"
	"github.com/gin-contrib/sessions/cookie"
	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
)

func ginPrivate(c *gin.Context) { c.String(http.StatusOK, userName(c.Request.Context())) }

// BenchmarkGin reads a signed-in session on Gin: the bare handler (the
// floor), RequireRememberizer with each store, and gin-contrib/sessions'
// cookie store, each holding the same payload.
func BenchmarkGin(b *testing.B) {
	benchFramework(b, ginBare, ginProtected, peer{"gin-contrib-sessions", benchGinSessions})
}

// ginBare serves GET /private on an engine, unprotected.
func ginBare(b *testing.B) func() {
	r := gin.New()
	r.GET("/private", ginPrivate)
	return httpServer(b, r, privateRequest(nil), "public")
}

// ginProtected serves GET /private behind RequireRememberizer.
func ginProtected(tb testing.TB, c *core.Client, cookie *http.Cookie) func() {
	r := gin.New()
	ginmw.Mount(r, c)
	r.GET("/private", ginmw.RequireRememberizer(c), ginPrivate)
	return httpServer(tb, r, privateRequest(cookie), provider.User.Name)
}

// benchGinSessions reads the session with gin-contrib/sessions' cookie
// store (hash and block keys): sessions.Default(c).Get(key).
func benchGinSessions(b *testing.B, p provider.Payload) {
	store := cookie.NewStore(hashKey, sealKey)
	r := gin.New()
	r.GET("/login", sessions.Sessions("session", store), func(c *gin.Context) {
		s := sessions.Default(c)
		peerFields(p).put(func(k string, v any) { s.Set(k, v) })
		if err := s.Save(); err != nil {
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		c.Status(http.StatusNoContent)
	})
	r.GET("/private", sessions.Sessions("session", store), func(c *gin.Context) {
		name, ok := sessions.Default(c).Get("name").(string)
		if !ok {
			c.String(http.StatusUnauthorized, "no session")
			return
		}
		c.String(http.StatusOK, name)
	})
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
	serveHTTP(b, r, privateRequest(sessionCookie(b, rec.Result().Cookies(), "session")), provider.User.Name)
}
