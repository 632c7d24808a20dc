package adapter

import "context"

// Request is core's view of one HTTP request and its response, implemented
// by each adapter on its framework's own types. Core never sees a
// framework, and reads nothing from a request but what these methods give.
//
// Implementations need not be safe for concurrent use: a Request belongs to
// the goroutine serving it. Strings returned need only stay valid while the
// handler runs: core copies whatever it keeps beyond the request, so a
// framework that reuses its buffers (fasthttp) need not copy them.
type Request interface {
	// Context is the request's context.
	Context() context.Context
	// Method is the HTTP method, e.g. "GET".
	Method() string
	// URI is the path and raw query as received, e.g. "/a/b?c=d".
	URI() string
	// Header returns the first value of the named request header, or "".
	Header(name string) string
	// Cookie returns the value of the first cookie with this name, or ""
	// ([CookieValue] reads it from raw Cookie header lines).
	Cookie(name string) string
	// SetCookie adds a Set-Cookie header to the response holding exactly
	// line, which core renders, so cookies are byte-identical across
	// frameworks.
	SetCookie(line string)
	// SetHeader sets a response header.
	SetHeader(name, value string)
}
