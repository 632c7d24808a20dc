// Package fakereq is a [core.Request] for tests of stores: a GET of "/"
// that sends the cookies it is given and records the cookies set on its
// response. (core's own tests cannot import it, as it imports core; they
// keep theirs in one file.)
package fakereq

import (
	"context"
	"sync"

	"github.com/rzauth/rememberizer-go/core"
)

// Request is a GET of "/" with no headers. It is safe for concurrent use.
type Request struct {
	// Cookies are the cookies the request sends, by name.
	Cookies map[string]string
	// Any, if not empty, is sent for every cookie name not in Cookies.
	Any string
	// OnSetCookie, if set, is called with every cookie set on the
	// response, after it is recorded.
	OnSetCookie func(*core.Cookie)

	mu  sync.Mutex
	set []*core.Cookie
}

var _ core.Request = (*Request)(nil)

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

// SetCookie records c, then calls OnSetCookie.
func (r *Request) SetCookie(c *core.Cookie) {
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
func (r *Request) Set() []*core.Cookie {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*core.Cookie(nil), r.set...)
}

// Reset forgets the cookies set so far, keeping their storage, so that a
// benchmark can reuse one request.
func (r *Request) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.set = r.set[:0]
}
