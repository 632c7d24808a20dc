package bench

import (
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/session"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fibermw"
)

func fiberPrivate(c *fiber.Ctx) error { return c.SendString(userName(c.UserContext())) }

// BenchmarkFiber reads a signed-in session on Fiber: the bare handler
// (the floor), RequireRememberizer with each store, and Fiber's own
// session middleware with its default in-memory storage, each holding
// the same payload.
func BenchmarkFiber(b *testing.B) {
	benchFramework(b, fiberBare, fiberProtected, peer{"fiber-session", benchFiberSession})
}

// fiberBare serves GET /private on an app, unprotected.
func fiberBare(b *testing.B) func() {
	app := newFiberApp()
	app.Get("/private", fiberPrivate)
	return fiberServer(b, app, nil, "public")
}

// fiberProtected serves GET /private behind RequireRememberizer.
func fiberProtected(tb testing.TB, c *core.Client, cookie *http.Cookie) func() {
	app := newFiberApp()
	fibermw.Mount(app, c)
	app.Get("/private", fibermw.RequireRememberizer(c), fiberPrivate)
	return fiberServer(tb, app, cookie, provider.User.Name)
}

// benchFiberSession reads the session with Fiber's session middleware:
// store.Get(c), then sess.Get(key). A read-only handler does not call
// Save (which would encode and store the session again).
func benchFiberSession(b *testing.B, p provider.Payload) {
	store := session.New()
	app := newFiberApp()
	app.Get("/login", func(c *fiber.Ctx) error {
		s, err := store.Get(c)
		if err != nil {
			return err
		}
		peerFields(p).put(func(k string, v any) { s.Set(k, v) })
		return s.Save()
	})
	app.Get("/private", func(c *fiber.Ctx) error {
		s, err := store.Get(c)
		if err != nil {
			return err
		}
		name, ok := s.Get("name").(string)
		if !ok {
			return c.Status(fiber.StatusUnauthorized).SendString("no session")
		}
		return c.SendString(name)
	})
	serveFiber(b, app, fiberCookie(b, app, "/login", "session_id"), provider.User.Name)
}
