package adaptertest

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
)

// Resp is a response read whole.
type Resp struct {
	Status int
	Header http.Header
	Body   string
	// Proto is the protocol the response came over, e.g. "HTTP/2.0".
	Proto string
}

// Location is the Location header.
func (r *Resp) Location() string { return r.Header.Get("Location") }

// SetCookie returns the parsed Set-Cookie of that name, or nil.
func (r *Resp) SetCookie(name string) *http.Cookie {
	for _, line := range r.Header.Values("Set-Cookie") {
		c, err := http.ParseSetCookie(line)
		if err == nil && c.Name == name {
			return c
		}
	}
	return nil
}

// Browser is a cookie-keeping client that does not follow redirects.
type Browser struct {
	env *Env
	hc  *http.Client
	// cookies maps name to value; only what the app set.
	mu      sync.Mutex
	cookies map[string]string
}

// NewBrowser returns a browser with no cookies.
func (e *Env) NewBrowser() *Browser {
	tr := &http.Transport{TLSClientConfig: e.tls, MaxIdleConnsPerHost: 64, ForceAttemptHTTP2: e.http2}
	e.T.Cleanup(tr.CloseIdleConnections)
	return &Browser{
		env:     e,
		hc:      &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		cookies: map[string]string{},
	}
}

// Cookies returns a copy of the browser's cookies.
func (b *Browser) Cookies() map[string]string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]string, len(b.cookies))
	for k, v := range b.cookies {
		out[k] = v
	}
	return out
}

// SetCookies replaces the browser's cookies.
func (b *Browser) SetCookies(c map[string]string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cookies = make(map[string]string, len(c))
	for k, v := range c {
		b.cookies[k] = v
	}
}

// Do sends a request. URLs starting with "/" go to the app. Cookies the
// browser holds go with requests to the app only; Set-Cookie from the app
// is kept (deleted when expired). A request that gets no response ends the
// test; from a goroutine the test started, call [Browser.Try] instead.
func (b *Browser) Do(method, url string, header map[string]string) *Resp {
	b.env.T.Helper()
	r, err := b.Try(method, url, header)
	if err != nil {
		b.env.T.Fatal(err)
	}
	return r
}

// Try is [Browser.Do] returning the error of a request that got no
// response, so that goroutines can report it with t.Error.
func (b *Browser) Try(method, url string, header map[string]string) (*Resp, error) {
	toApp := strings.HasPrefix(url, "/") || strings.HasPrefix(url, b.env.URL)
	if strings.HasPrefix(url, "/") {
		url = b.env.URL + url
	}
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return nil, fmt.Errorf("new request %s %s: %w", method, url, err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	if toApp {
		b.mu.Lock()
		for k, v := range b.cookies {
			req.AddCookie(&http.Cookie{Name: k, Value: v})
		}
		b.mu.Unlock()
	}
	resp, err := b.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if toApp {
		b.mu.Lock()
		for _, c := range resp.Cookies() {
			if c.MaxAge < 0 {
				delete(b.cookies, c.Name)
			} else {
				b.cookies[c.Name] = c.Value
			}
		}
		b.mu.Unlock()
	}
	return &Resp{Status: resp.StatusCode, Header: resp.Header, Body: string(body), Proto: resp.Proto}, nil
}

// Nav is a browser navigation (GET, Accept: text/html).
func (b *Browser) Nav(url string) *Resp {
	b.env.T.Helper()
	return b.Do("GET", url, map[string]string{"Accept": "text/html,application/xhtml+xml"})
}

// StartLogin calls the login route and returns the authorize URL.
func (b *Browser) StartLogin(returnTo string) string {
	b.env.T.Helper()
	u := "/auth/rememberizer/login"
	if returnTo != "" {
		u += "?return_to=" + queryEscape(returnTo)
	}
	r := b.Nav(u)
	if r.Status != http.StatusFound {
		b.env.T.Fatalf("login: got status %d, want 302 (body %q)", r.Status, r.Body)
	}
	return r.Location()
}

// Authorize visits the fake's authorize URL (auto-approve) and returns the
// callback URL it redirects to.
func (b *Browser) Authorize(authorizeURL string) string {
	b.env.T.Helper()
	r := b.Nav(authorizeURL)
	if r.Status != http.StatusFound {
		b.env.T.Fatalf("authorize: got status %d, want 302 (body %q)", r.Status, r.Body)
	}
	return r.Location()
}

// SignIn runs a whole sign-in and returns the callback's response.
func (b *Browser) SignIn(returnTo string) *Resp {
	b.env.T.Helper()
	return b.Nav(b.Authorize(b.StartLogin(returnTo)))
}

// MustSignIn signs in and fails the test unless it ends in a 303.
func (b *Browser) MustSignIn() {
	b.env.T.Helper()
	if r := b.SignIn(""); r.Status != http.StatusSeeOther {
		b.env.T.Fatalf("sign-in: got status %d, want 303 (body %q)", r.Status, r.Body)
	}
}

// Logout posts to the logout route as the app's own page would.
func (b *Browser) Logout() *Resp {
	b.env.T.Helper()
	return b.Do("POST", "/auth/rememberizer/logout", map[string]string{"Origin": b.env.URL, "Sec-Fetch-Site": "same-origin"})
}
