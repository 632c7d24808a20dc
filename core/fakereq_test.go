package core

import (
	"context"
	"net/http"
	"sync"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/internal/fakereq"
)

// fakeRequest is an in-memory [adapter.Request] for tests. It plays both sides of
// one HTTP exchange:
//
//   - the request: a method, a URI, request headers and the cookies the
//     browser sent (served from a map by name);
//   - the response: every cookie passed to SetCookie, in order, and the
//     headers passed to SetHeader.
//
// Build one with newFakeRequest, add the cookies the browser sends with
// addCookie (it returns the request, so calls chain), hand it to the code
// under test, then read back what was written with sentCookies, sentCookie
// and setCookieHeaders. followUp
// starts the browser's next request, carrying the cookies a browser would
// keep after this response.
//
// Unlike a real adapter's adapter.Request, fakeRequest is safe for concurrent use,
// so one may be shared by goroutines in race tests.
type fakeRequest struct {
	method string
	uri    string

	mu         sync.Mutex
	ctx        context.Context
	reqHeaders http.Header
	cookies    map[string]string
	set        []*Cookie
	respHeader http.Header
}

// newFakeRequest returns a request for method and uri (path and raw query,
// as adapter.Request.URI gives them) with no headers and no cookies, whose context
// is context.Background().
func newFakeRequest(method, uri string) *fakeRequest {
	return &fakeRequest{
		method:     method,
		uri:        uri,
		ctx:        context.Background(),
		reqHeaders: make(http.Header),
		cookies:    make(map[string]string),
		respHeader: make(http.Header),
	}
}

// addCookie makes the request carry a cookie name=value, replacing any
// cookie of that name it already carried.
func (r *fakeRequest) addCookie(name, value string) *fakeRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cookies[name] = value
	return r
}

// sentCookies returns copies of every cookie set on the response, in the
// order they were set.
func (r *fakeRequest) sentCookies() []*Cookie {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Cookie, len(r.set))
	for i, c := range r.set {
		cc := *c
		out[i] = &cc
	}
	return out
}

// sentCookie returns a copy of the last cookie called name set on the
// response, and whether there was one.
func (r *fakeRequest) sentCookie(name string) (*Cookie, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.set) - 1; i >= 0; i-- {
		if r.set[i].Name == name {
			cc := *r.set[i]
			return &cc, true
		}
	}
	return nil, false
}

// setCookieHeaders returns the Set-Cookie header values of the response,
// in order, exactly as an adapter would write them ([Cookie.String]).
func (r *fakeRequest) setCookieHeaders() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.set))
	for i, c := range r.set {
		out[i] = c.String()
	}
	return out
}

// followUp returns the browser's next request: it carries this request's
// cookies updated by the cookies this response set, as a browser would
// (a cookie with MaxAge <= 0 is removed). adapter.Request headers are not carried.
func (r *fakeRequest) followUp(method, uri string) *fakeRequest {
	next := newFakeRequest(method, uri)
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, v := range r.cookies {
		next.cookies[k] = v
	}
	for _, c := range r.set {
		if c.MaxAge > 0 {
			next.cookies[c.Name] = c.Value
		} else {
			delete(next.cookies, c.Name)
		}
	}
	return next
}

// Context implements [adapter.Request].
func (r *fakeRequest) Context() context.Context {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ctx
}

// Method implements [adapter.Request].
func (r *fakeRequest) Method() string { return r.method }

// URI implements [adapter.Request].
func (r *fakeRequest) URI() string { return r.uri }

// Header implements [adapter.Request]: the first value of the request header name.
func (r *fakeRequest) Header(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqHeaders.Get(name)
}

// Cookie implements [adapter.Request]: the value of the cookie called name, or "".
func (r *fakeRequest) Cookie(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cookies[name]
}

// SetCookie implements [adapter.Request]: it records the cookie line
// holds, parsed.
func (r *fakeRequest) SetCookie(line string) {
	cc := parseCookie(line)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.set = append(r.set, cc)
}

// Cookie is a Set-Cookie line core wrote, parsed: MaxAge is -1 for a
// cookie that deletes, as net/http reports it.
type Cookie = fakereq.Cookie

// parseCookie parses a Set-Cookie line.
func parseCookie(line string) *Cookie { return fakereq.Parse(line) }

// SetHeader implements [adapter.Request]: it sets the response header name.
func (r *fakeRequest) SetHeader(name, value string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.respHeader.Set(name, value)
}

// fakeRequest must keep satisfying adapter.Request.
var _ adapter.Request = (*fakeRequest)(nil)
