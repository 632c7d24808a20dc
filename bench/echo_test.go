package bench

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo-contrib/session"
	echo4 "github.com/labstack/echo/v4"
	"github.com/labstack/echo/v5"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/echo4mw"
	"github.com/rzauth/rememberizer-go/echo5mw"
)

func echo5Private(c *echo.Context) error {
	return c.String(http.StatusOK, userName(c.Request().Context()))
}

func echo4Private(c echo4.Context) error {
	return c.String(http.StatusOK, userName(c.Request().Context()))
}

// BenchmarkEcho5 reads a signed-in session on Echo v5: the bare handler
// (the floor), RequireRememberizer with each store, and a gorilla/sessions
// cookie store read in the handler, each holding the same payload.
// echo-contrib's session middleware is for Echo v4 only (see
// BenchmarkEcho4); on v5 the handler reads the gorilla store as that
// middleware would.
func BenchmarkEcho5(b *testing.B) {
	benchFramework(b, echo5Bare, echo5Protected, peer{"gorilla-sessions", benchEcho5Sessions})
}

// BenchmarkEcho4 reads a signed-in session on Echo v4: the bare handler
// (the floor), RequireRememberizer with each store, and echo-contrib's
// session middleware on a gorilla/sessions cookie store, each holding the
// same payload.
func BenchmarkEcho4(b *testing.B) {
	benchFramework(b, echo4Bare, echo4Protected, peer{"echo-contrib-session", benchEcho4Session})
}

// echo5Bare serves GET /private on an Echo v5, unprotected.
func echo5Bare(b *testing.B) func() {
	e := echo.New()
	e.GET("/private", echo5Private)
	return httpServer(b, e, privateRequest(nil), "public")
}

// echo5Protected serves GET /private behind RequireRememberizer.
func echo5Protected(tb testing.TB, c *core.Client, cookie *http.Cookie) func() {
	e := echo.New()
	echo5mw.Mount(e, c)
	e.GET("/private", echo5Private, echo5mw.RequireRememberizer(c))
	return httpServer(tb, e, privateRequest(cookie), provider.User.Name)
}

// echo4Bare serves GET /private on an Echo v4, unprotected.
func echo4Bare(b *testing.B) func() {
	e := echo4.New()
	e.GET("/private", echo4Private)
	return httpServer(b, e, privateRequest(nil), "public")
}

// echo4Protected serves GET /private behind RequireRememberizer.
func echo4Protected(tb testing.TB, c *core.Client, cookie *http.Cookie) func() {
	e := echo4.New()
	echo4mw.Mount(e, c)
	e.GET("/private", echo4Private, echo4mw.RequireRememberizer(c))
	return httpServer(tb, e, privateRequest(cookie), provider.User.Name)
}

// benchEcho5Sessions reads the session from a gorilla/sessions cookie
// store (hash and block keys) in the handler: store.Get(r, name), then a
// value.
func benchEcho5Sessions(b *testing.B, p provider.Payload) {
	store := sessions.NewCookieStore(hashKey, sealKey)
	e := echo.New()
	e.GET("/login", func(c *echo.Context) error {
		s, _ := store.Get(c.Request(), "session")
		peerFields(p).put(func(k string, v any) { s.Values[k] = v })
		if err := s.Save(c.Request(), c.Response()); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	})
	e.GET("/private", func(c *echo.Context) error {
		s, err := store.Get(c.Request(), "session")
		if err != nil {
			return err
		}
		name, ok := s.Values["name"].(string)
		if !ok {
			return c.String(http.StatusUnauthorized, "no session")
		}
		return c.String(http.StatusOK, name)
	})
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
	serveHTTP(b, e, privateRequest(sessionCookie(b, rec.Result().Cookies(), "session")), provider.User.Name)
}

// benchEcho4Session reads the session with echo-contrib's session
// middleware on a gorilla/sessions cookie store: session.Get(name, c),
// then a value.
func benchEcho4Session(b *testing.B, p provider.Payload) {
	e := echo4.New()
	e.Use(session.Middleware(sessions.NewCookieStore(hashKey, sealKey)))
	e.GET("/login", func(c echo4.Context) error {
		s, err := session.Get("session", c)
		if err != nil {
			return err
		}
		peerFields(p).put(func(k string, v any) { s.Values[k] = v })
		if err := s.Save(c.Request(), c.Response()); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	})
	e.GET("/private", func(c echo4.Context) error {
		s, err := session.Get("session", c)
		if err != nil {
			return err
		}
		name, ok := s.Values["name"].(string)
		if !ok {
			return c.String(http.StatusUnauthorized, "no session")
		}
		return c.String(http.StatusOK, name)
	})
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
	serveHTTP(b, e, privateRequest(sessionCookie(b, rec.Result().Cookies(), "session")), provider.User.Name)
}
