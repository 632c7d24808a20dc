package storetest

import (
	"context"
	"net/http"
	"sync"

	"github.com/rzauth/rememberizer-go/core"
)

// browser keeps cookies between requests, as a browser would.
type browser struct {
	mu      sync.Mutex
	cookies map[string]string
}

func newBrowser() *browser { return &browser{cookies: map[string]string{}} }

// request starts a request from this browser.
func (b *browser) request() *request {
	b.mu.Lock()
	defer b.mu.Unlock()
	jar := make(map[string]string, len(b.cookies))
	for k, v := range b.cookies {
		jar[k] = v
	}
	return &request{b: b, sent: jar}
}

func (b *browser) cookie(name string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cookies[name]
}

func (b *browser) setCookie(name, value string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cookies[name] = value
}

// request is one request of a browser; the cookies set on its response go
// back to the browser.
type request struct {
	b       *browser
	sent    map[string]string
	mu      sync.Mutex
	written []string
}

var _ core.Request = (*request)(nil)

func (r *request) Context() context.Context { return context.Background() }
func (r *request) Method() string           { return "GET" }
func (r *request) URI() string              { return "/" }
func (r *request) Header(string) string     { return "" }
func (r *request) Cookie(name string) string {
	return r.sent[name]
}
func (r *request) SetHeader(string, string) {}
func (r *request) SetCookie(c *core.Cookie) {
	r.mu.Lock()
	r.written = append(r.written, c.String())
	r.mu.Unlock()
	parsed, err := http.ParseSetCookie(c.String())
	if err != nil {
		return
	}
	r.b.mu.Lock()
	defer r.b.mu.Unlock()
	if parsed.MaxAge < 0 {
		delete(r.b.cookies, parsed.Name)
	} else {
		r.b.cookies[parsed.Name] = parsed.Value
	}
}

// setCookies returns the Set-Cookie lines written on the response.
func (r *request) setCookies() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.written...)
}

// headerCookies parses Set-Cookie lines.
func headerCookies(lines []string) []*http.Cookie {
	var out []*http.Cookie
	for _, l := range lines {
		if c, err := http.ParseSetCookie(l); err == nil {
			out = append(out, c)
		}
	}
	return out
}
