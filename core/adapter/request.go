package adapter

import (
	"context"
	"strings"
)

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

// CookieValue returns the value of the first cookie called name in the
// given Cookie request header lines, or "". It allocates nothing, and
// adapters use it on the hot path instead of parsing every cookie.
func CookieValue(headers []string, name string) string {
	for _, line := range headers {
		for len(line) > 0 {
			var part string
			part, line, _ = strings.Cut(line, ";")
			part = strings.TrimLeft(part, " \t")
			n, v, ok := strings.Cut(part, "=")
			if !ok || strings.TrimRight(n, " \t") != name {
				continue
			}
			v = strings.TrimSpace(v)
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = v[1 : len(v)-1]
			}
			return v
		}
	}
	return ""
}
