// Package fiberbench serves one request to a Fiber app (v2 or v3: its
// fasthttp handler) the way Fiber's own server does, minus the network,
// for the benchmarks of the bench module: a copy of
// fibermw/internal/fiberbench, which only fibermw's own packages may
// import.
package fiberbench

import (
	"bufio"
	"net/http"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"
)

// Server checks that h, a Fiber app's Handler(), answers GET /private (from a browser holding
// cookie, if non-nil) with 200 and want, and returns a function serving
// that request once more. Every call reuses one request context, as
// Fiber's server does on a keep-alive connection: the request is parsed
// once from the wire format; each call copies it in unparsed (so its
// cookies are parsed again, as for a new request), serves it into an
// empty response and resets the user values, as the server does after
// writing.
func Server(tb testing.TB, h fasthttp.RequestHandler, cookie *http.Cookie, want string) func() {
	tb.Helper()
	raw := "GET /private HTTP/1.1\r\nHost: app.example.com\r\nAccept: text/html\r\n"
	if cookie != nil {
		raw += "Cookie: " + cookie.Name + "=" + cookie.Value + "\r\n"
	}
	var req fasthttp.Request
	if err := req.Read(bufio.NewReader(strings.NewReader(raw + "\r\n"))); err != nil {
		tb.Fatal(err)
	}
	ctx := new(fasthttp.RequestCtx)
	ctx.Init(&req, nil, nil)
	serve := func() {
		req.CopyTo(&ctx.Request)
		ctx.Response.Reset()
		h(ctx)
		ctx.ResetUserValues()
	}
	serve()
	if got := string(ctx.Response.Body()); ctx.Response.StatusCode() != http.StatusOK || got != want {
		tb.Fatalf("got %d %q, want 200 %q", ctx.Response.StatusCode(), got, want)
	}
	return serve
}
