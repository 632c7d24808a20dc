package fibermw_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fibermw"
	"github.com/rzauth/rememberizer-go/internal/adaptertest"
)

func private(c *fiber.Ctx) error {
	if u, ok := core.UserFrom(c.UserContext()); ok {
		return c.SendString(u.Name)
	}
	return c.SendString("public")
}

// benchHandler serves GET /private with app's fasthttp handler on one
// reused request context, as Fiber's server does for a keep-alive
// connection, minus the network. The request is parsed once from the
// wire format; each round copies it in unparsed (so the cookie header is
// parsed again, as for a new request), serves it into an empty response
// and resets the user values, as the server does after writing.
func benchHandler(b *testing.B, app *fiber.App, cookie *http.Cookie, want string) {
	raw := "GET /private HTTP/1.1\r\nHost: app.example.com\r\nAccept: text/html\r\n"
	if cookie != nil {
		raw += "Cookie: " + cookie.Name + "=" + cookie.Value + "\r\n"
	}
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(strings.NewReader(raw + "\r\n"))); err != nil {
		b.Fatal(err)
	}
	var ctx fasthttp.RequestCtx
	ctx.Init(&req, nil, nil)
	h := app.Handler()
	serve := func() {
		req.CopyTo(&ctx.Request)
		ctx.Response.Reset()
		h(&ctx)
		ctx.ResetUserValues()
	}
	serve()
	if got := string(ctx.Response.Body()); ctx.Response.StatusCode() != fiber.StatusOK || got != want {
		b.Fatalf("got %d %q, want 200 %q", ctx.Response.StatusCode(), got, want)
	}
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
