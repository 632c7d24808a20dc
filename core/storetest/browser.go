package storetest

import (
	"net/http"
	"sync"

	"github.com/rzauth/rememberizer-go/internal/fakereq"
)

// browser keeps cookies between requests, as a browser would.
type browser struct {
	mu      sync.Mutex
	cookies map[string]string
}

func newBrowser() *browser { return &browser{cookies: map[string]string{}} }

// request starts a request from this browser: it sends the browser's
// cookies, and the cookies set on its response go back to the browser.
func (b *browser) request() *request {
	b.mu.Lock()
	defer b.mu.Unlock()
	jar := make(map[string]string, len(b.cookies))
	for k, v := range b.cookies {
		jar[k] = v
	}
	return &request{Request: &fakereq.Request{Cookies: jar, OnSetCookie: b.keep}}
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

// keep stores a cookie set on a response, or deletes it.
func (b *browser) keep(c *fakereq.Cookie) {
	parsed, err := http.ParseSetCookie(c.String())
	if err != nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if parsed.MaxAge < 0 {
		delete(b.cookies, parsed.Name)
	} else {
		b.cookies[parsed.Name] = parsed.Value
	}
}

// request is one request of a browser.
type request struct{ *fakereq.Request }

// setCookies returns the Set-Cookie lines written on the response.
func (r *request) setCookies() []string {
	var lines []string
	for _, c := range r.Set() {
		lines = append(lines, c.String())
	}
	return lines
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
