package fibermw_test

import (
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/fibermw"
	"github.com/rzauth/rememberizer-go/fibermw/internal/fiberbench"
)

func private(c *fiber.Ctx) error {
	if u, ok := core.UserFrom(c.UserContext()); ok {
		return c.SendString(u.Name)
	}
	return c.SendString("public")
}

// benchHandler benchmarks app on GET /private, served as Fiber's server
// serves it (see [fiberbench.Server]).
func benchHandler(b *testing.B, app *fiber.App, cookie *http.Cookie, want string) {
	serve := fiberbench.Server(b, app, cookie, want)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		serve()
	}
}

// BenchmarkBareHandler is the floor: the same handler, unprotected.
func BenchmarkBareHandler(b *testing.B) {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/private", private)
	benchHandler(b, app, nil, "public")
}

// BenchmarkRequireRememberizerCookieStore is an authenticated request with
// the default sealed-cookie store.
func BenchmarkRequireRememberizerCookieStore(b *testing.B) {
	client, cookie := adaptertest.SignedIn(b, nil)
	app := fiber.New(fiber.Config{DisableStartupMessage: true, ReadBufferSize: fibermw.ReadBufferSize})
	app.Get("/private", fibermw.RequireRememberizer(client), private)
	benchHandler(b, app, cookie, "Ada Lovelace")
}
