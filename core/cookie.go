package core

import (
	"strconv"
	"strings"
)

// MaxCookieSize is the largest Set-Cookie name and value, with attributes,
// that browsers are required to keep (RFC 6265 §6.1).
const MaxCookieSize = 4096

// Cookie is a cookie core asks an adapter to set. Its attributes follow
// the library's rules (SECURITY.md S13): always HttpOnly, Path=/,
// SameSite=Lax and no Domain; Secure when the app is served over https.
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
type Cookie struct {
	Name  string
	Value string
	// MaxAge in seconds; 0 or less deletes the cookie.
	MaxAge int
	Secure bool
}

// String renders the Set-Cookie header value. Every adapter writes this
// exact string, so cookies are byte-identical across frameworks.
func (c *Cookie) String() string {
	var b strings.Builder
	b.Grow(len(c.Name) + len(c.Value) + 96)
	b.WriteString(c.Name)
	b.WriteByte('=')
	b.WriteString(c.Value)
	b.WriteString("; Path=/")
	if c.MaxAge > 0 {
		b.WriteString("; Max-Age=")
		b.WriteString(strconv.Itoa(c.MaxAge))
	} else {
		b.WriteString("; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
	}
	b.WriteString("; HttpOnly")
	if c.Secure {
		b.WriteString("; Secure")
	}
	b.WriteString("; SameSite=Lax")
	return b.String()
}

// CookieValue returns the value of the first cookie called name in the
// given Cookie request header lines, or "". It allocates nothing, and
// adapters use it on the hot path instead of parsing every cookie.
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
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
