// Package fakereq is an [adapter.Request] for tests of stores: a GET of "/"
// that sends the cookies it is given and records the cookies set on its
// response, and parses Set-Cookie lines. It imports core/adapter only, so
// core's own tests use it too.
package fakereq

import (
	"context"
	"net/http"
	"sync"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Request is a GET of "/" with no headers. It is safe for concurrent use.
type Request struct {
	// Cookies are the cookies the request sends, by name.
	Cookies map[string]string
	// Any, if not empty, is sent for every cookie name not in Cookies.
	Any string
	// OnSetCookie, if set, is called with every cookie set on the
	// response, after it is recorded.
	OnSetCookie func(*Cookie)

	mu  sync.Mutex
	set []*Cookie
}

var _ adapter.Request = (*Request)(nil)

// Context returns context.Background().
func (r *Request) Context() context.Context { return context.Background() }

// Method returns "GET".
func (r *Request) Method() string { return "GET" }

// URI returns "/".
func (r *Request) URI() string { return "/" }

// Header returns "" for every name.
func (r *Request) Header(string) string { return "" }

// Cookie returns the cookie sent under name: from Cookies, else Any.
func (r *Request) Cookie(name string) string {
	if v, ok := r.Cookies[name]; ok {
		return v
	}
	return r.Any
}

// SetCookie records the cookie line sets, then calls OnSetCookie.
func (r *Request) SetCookie(line string) {
	c := Parse(line)
	r.mu.Lock()
	r.set = append(r.set, c)
	r.mu.Unlock()
	if r.OnSetCookie != nil {
		r.OnSetCookie(c)
	}
}

// SetHeader does nothing.
func (r *Request) SetHeader(string, string) {}

// Set returns the cookies set on the response, in order.
func (r *Request) Set() []*Cookie {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*Cookie(nil), r.set...)
}

// Reset forgets the cookies set so far, keeping their storage, so that a
// benchmark can reuse one request.
func (r *Request) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.set = r.set[:0]
}

// Cookie is a Set-Cookie line, parsed. MaxAge is -1 for a cookie that
// deletes, as net/http reports it.
type Cookie struct {
	Name   string
	Value  string
	MaxAge int
	Secure bool
	// Line is the Set-Cookie line as it was set.
	Line string
}

// String returns the Set-Cookie line.
func (c *Cookie) String() string { return c.Line }

// Parse parses a Set-Cookie line; a line that does not parse gives a
// Cookie with only Line set.
func Parse(line string) *Cookie {
	hc, err := http.ParseSetCookie(line)
	if err != nil {
		return &Cookie{Line: line}
	}
	return &Cookie{Name: hc.Name, Value: hc.Value, MaxAge: hc.MaxAge, Secure: hc.Secure, Line: line}
}
