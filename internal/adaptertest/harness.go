package adaptertest

import (
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/syncbuf"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// Serve serves the standard test app for c on ln until the test ends
// (register shutdown with t.Cleanup). The app has:
//
//   - the three auth routes, mounted with the adapter's Mount;
//
//   - GET /public: 200 "public", not protected;
//
//   - GET /private and POST /private: protected by RequireRememberizer;
//     200, body "user=ID email=EMAIL" from core.UserFrom;
//
//   - GET /api/me: protected; 200 JSON {"id","email","name"};
//
//   - GET /mementos: protected; calls GET c.APIURL("mementos/") with
//     c.HTTPClient(ctx) and answers with that call's status and body
//     (502 and the error's text if the call failed).
//
//   - GET /detach and GET /visitor: see [App.StartDetached].
//
// With app.Hooks non-nil, Mount and RequireRememberizer get the adapter's
// Config with an ErrorHandler, and an UnauthorizedHandler if
// app.Hooks.WithUnauthorized, each of which reports the call to app.Hooks
// and answers [HookStatus] (see [Hooks]).
type Serve func(t *testing.T, c *core.Client, ln net.Listener, app *App)

// App is what the suite shares with one test app: the hooks it sets and
// the goroutine its /detach route starts.
type App struct {
	// Hooks records the calls of the app's hooks; nil: the app sets none.
	Hooks    *Hooks
	detached *detached
}

// Options shape one test environment.
type Options struct {
	// TLS serves the app over https, so cookies are Secure and __Host-.
	TLS bool
	// HTTP2 serves the app over https with HTTP/2 offered, and browsers
	// use it (net/http and Gin only: fasthttp speaks HTTP/1.1).
	HTTP2 bool
	// Fake configures the fake Rememberizer (its Now is set to the clock).
	Fake rememberizertest.Config
	// Config adjusts the core configuration before New.
	Config func(*core.Config)
	// Hooks says which of the adapter's hooks the app sets; they record
	// their calls in Env.Hooks.
	Hooks HookSet
}

// Env is one app, its client and the fake Rememberizer, sharing a clock.
type Env struct {
	T      *testing.T
	Fake   *rememberizertest.Server
	Client *core.Client
	Clock  *testclock.Clock
	URL    string
	Logs   *syncbuf.Buffer
	// Hooks records the calls of the app's hooks; nil when Options.Hooks
	// is NoHooks.
	Hooks *Hooks
	app   *App
	tls   *tls.Config
	http2 bool
}

// testKey is the session key of every environment: fixed, 32 bytes, and
// no repeated pattern (which core.New refuses).
var testKey = []byte("adaptertest: one fixed test key.")

// NewEnv starts a fake Rememberizer and the adapter's app on loopback.
func NewEnv(t *testing.T, serve Serve, opts Options) *Env {
	t.Helper()
	clock := testclock.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	fcfg := opts.Fake
	fcfg.Now = clock.Now
	fake := rememberizertest.NewServer(fcfg)
	t.Cleanup(fake.Close)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	scheme := "http"
	var tlsCfg *tls.Config
	if opts.TLS || opts.HTTP2 {
		scheme = "https"
		// Borrow httptest's certificate for 127.0.0.1.
		ts := httptest.NewUnstartedServer(http.NotFoundHandler())
		ts.StartTLS()
		cert := ts.TLS.Certificates
		pool := ts.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
		ts.Close()
		var protos []string
		if opts.HTTP2 {
			protos = []string{"h2", "http/1.1"}
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: cert, NextProtos: protos})
		tlsCfg = &tls.Config{RootCAs: pool}
	}
	base := scheme + "://" + ln.Addr().String()

	logs := &syncbuf.Buffer{}
	cfg := core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  base + "/auth/rememberizer/callback",
		SessionKeys:  [][]byte{testKey},
		BaseURL:      fake.URL,
		Now:          clock.Now,
		Logger:       slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if opts.Config != nil {
		opts.Config(&cfg)
	}
	c, err := core.New(cfg)
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	var hooks *Hooks
	if opts.Hooks != NoHooks {
		hooks = &Hooks{WithUnauthorized: opts.Hooks == BothHooks}
	}
	app := &App{Hooks: hooks, detached: newDetached()}
	serve(t, c, ln, app)
	return &Env{T: t, Fake: fake, Client: c, Clock: clock, URL: base, Logs: logs, Hooks: hooks, app: app, tls: tlsCfg, http2: opts.HTTP2}
}

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

// CookieName is the name of a cookie of this environment ("session" or
// "login"), with the __Host- prefix over TLS.
func (e *Env) CookieName(kind string) string {
	if strings.HasPrefix(e.URL, "https:") {
		return "__Host-rememberizer_" + kind
	}
	return "rememberizer_" + kind
}
