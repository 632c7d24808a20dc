package bench

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/session"

	"github.com/rzauth/rememberizer-go/bench/internal/fiberbench"
	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fiber3mw"
)

// fiber3Private reads the user from the fiber.Ctx itself, as a Fiber v3
// app does.
func fiber3Private(c fiber.Ctx) error { return c.SendString(userName(c)) }

// BenchmarkFiber3 reads a signed-in session on Fiber v3: the bare handler
// (the floor), RequireRememberizer with each store, and Fiber v3's own
// session middleware with its default in-memory storage, each holding
// the same payload.
func BenchmarkFiber3(b *testing.B) {
	benchFramework(b, fiber3Bare, fiber3Protected, peer{"fiber3-session", benchFiber3Session})
}

// fiber3Bare serves GET /private on an app, unprotected.
func fiber3Bare(b *testing.B) func() {
	app := newFiber3App()
	app.Get("/private", fiber3Private)
	return fiber3Server(b, app, nil, "public")
}

// fiber3Protected serves GET /private behind RequireRememberizer.
func fiber3Protected(tb testing.TB, c *core.Client, cookie *http.Cookie) func() {
	app := newFiber3App()
	fiber3mw.Mount(app, c)
	app.Get("/private", fiber3mw.RequireRememberizer(c), fiber3Private)
	return fiber3Server(tb, app, cookie, provider.User.Name)
}

// benchFiber3Session reads the session with Fiber v3's session store:
// store.Get(c), sess.Get(key), sess.Release(). A read-only handler does
// not call Save.
func benchFiber3Session(b *testing.B, p provider.Payload) {
	store := session.NewStore()
	app := newFiber3App()
	app.Get("/login", func(c fiber.Ctx) error {
		s, err := store.Get(c)
		if err != nil {
			return err
		}
		defer s.Release()
		peerFields(p).put(func(k string, v any) { s.Set(k, v) })
		return s.Save()
	})
	app.Get("/private", func(c fiber.Ctx) error {
		s, err := store.Get(c)
		if err != nil {
			return err
		}
		defer s.Release()
		name, ok := s.Get("name").(string)
		if !ok {
			return c.Status(fiber.StatusUnauthorized).SendString("no session")
		}
		return c.SendString(name)
	})
	resp, err := app.Test(httptest.NewRequest("GET", "/login", nil))
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	loop(b, fiber3Server(b, app, sessionCookie(b, resp.Cookies(), "session_id"), provider.User.Name))
}

// newFiber3App is the Fiber v3 app every Fiber v3 benchmark uses.
func newFiber3App() *fiber.App {
	return fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
}

// fiber3Server is fiberbench.Server for a Fiber v3 app.
func fiber3Server(tb testing.TB, app *fiber.App, cookie *http.Cookie, want string) func() {
	tb.Helper()
	return fiberbench.Server(tb, app.Handler(), cookie, want)
}
