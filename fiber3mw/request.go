package fiber3mw

import (
	"context"
	"strings"
	"sync/atomic"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/utils/v2"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// request is core's view of a Fiber request and its response, read and
// written on fiber.Ctx (fasthttp) directly. Strings it returns point into
// fasthttp's buffers, unchanged only while the handler runs; that is all
// core.Request asks, since core copies what it keeps.
//
// The middleware puts a request in the request context, which a handler
// could keep past its return. Fiber recycles its ctx for later requests,
// so once fasthttp is done with this one (see [request.Close]) the
// request goes inert: reads return "", writes are dropped, and nothing
// kept can reach another request's headers or response.
type request struct {
	c      fiber.Ctx
	closed atomic.Bool
}

var _ adapter.Request = (*request)(nil)

func newRequest(c fiber.Ctx) *request {
	return &request{c: c}
}

// live returns the request's ctx, or nil once fasthttp is done with it.
func (q *request) live() fiber.Ctx {
	if q.closed.Load() {
		return nil
	}
	return q.c
}

// Context is the context the app set with c.SetContext (Fiber's user
// context), never the fiber.Ctx itself, which Fiber recycles.
func (q *request) Context() context.Context {
	if c := q.live(); c != nil {
		return c.Context()
	}
	return context.Background()
}

func (q *request) Method() string {
	if c := q.live(); c != nil {
		return c.Method()
	}
	return ""
}

func (q *request) URI() string {
	if c := q.live(); c != nil {
		return originForm(c.OriginalURL())
	}
	return ""
}

func (q *request) Header(name string) string {
	if c := q.live(); c != nil {
		return c.Get(name)
	}
	return ""
}

// Cookie scans every raw Cookie header line, in order, with
// adapter.CookieValue: the same reading net/http and Gin get (a client
// may send several lines; HTTP/2 clients often send one per cookie),
// without fasthttp parsing every cookie.
func (q *request) Cookie(name string) string {
	c := q.live()
	if c == nil {
		return ""
	}
	var buf [4]string
	lines := buf[:0]
	for _, line := range c.Request().Header.PeekAll(fiber.HeaderCookie) {
		lines = append(lines, utils.UnsafeString(line))
	}
	return adapter.CookieValue(lines, name)
}

// SetCookie adds one Set-Cookie line holding exactly line, as core
// rendered it: Fiber's c.Cookie is not used, so its attribute rules
// (SameSite=None forcing Secure) never rewrite core's cookies. fasthttp
// keeps response cookies apart from other headers and sends each one it
// was given, so two cookies set in one response both arrive.
func (q *request) SetCookie(line string) {
	if c := q.live(); c != nil {
		c.Response().Header.Add(fiber.HeaderSetCookie, line)
	}
}

func (q *request) SetHeader(name, value string) {
	if c := q.live(); c != nil {
		c.Set(name, value)
	}
}

// Close detaches the request from its fiber.Ctx. fasthttp calls it, as an
// io.Closer user value (see [request.closeWithRequest]), when it resets
// the request after the response was written.
func (q *request) Close() error {
	q.closed.Store(true)
	return nil
}

// closeWithRequest has fasthttp call q.Close when it is done with c's
// request. Each request is its own key, so several middlewares on one
// route each get theirs closed.
func (q *request) closeWithRequest(c fiber.Ctx) {
	c.RequestCtx().SetUserValue(q, q)
}

// originForm returns the path and query of a request target as received.
// A target in absolute form ("http://host/path?q", RFC 9112 §3.2.2),
// which clients send through proxies, loses its scheme and host, as
// net/http's RequestURI does; any other target is returned unchanged.
func originForm(uri string) string {
	if uri == "" || uri[0] == '/' {
		return uri
	}
	_, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return uri
	}
	switch i := strings.IndexAny(rest, "/?"); {
	case i < 0:
		return "/"
	case rest[i] == '?':
		return "/" + rest[i:]
	default:
		return rest[i:]
	}
}

// write sends a reply core decided on, as nethttp does: the status is
// core's (302 or 303 for its redirects), not Fiber's redirect default.
func write(c fiber.Ctx, rep adapter.Reply) error {
	if rep.Location != "" {
		c.Set(fiber.HeaderLocation, rep.Location)
	}
	if rep.ContentType != "" {
		c.Set(fiber.HeaderContentType, rep.ContentType)
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	}
	c.Status(rep.Status)
	if rep.Body != "" {
		return c.SendString(rep.Body)
	}
	return nil
}
