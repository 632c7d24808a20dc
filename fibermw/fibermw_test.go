package fibermw_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fibermw"
	"github.com/rzauth/rememberizer-go/internal/failstore"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// newClient returns a client of a fresh fake Rememberizer, keeping its
// sessions in store (nil: the sealed cookie); change, if any, adjusts the
// configuration before core.New.
func newClient(t testing.TB, fake rememberizertest.Config, store core.Store, change ...func(*core.Config)) (*core.Client, *rememberizertest.Server) {
	t.Helper()
	srv := rememberizertest.NewServer(fake)
	t.Cleanup(srv.Close)
	cfg := core.Config{
		ClientID:     srv.ClientID(),
		ClientSecret: srv.ClientSecret(),
		RedirectURL:  "http://127.0.0.1/auth/rememberizer/callback",
		SessionKeys:  [][]byte{[]byte("\x47\x8f\x38\x0f\x0f\xc7\x57\x75\x1a\x3a\xe8\x7c\x05\x25\x97\x81\xc5\x78\x64\xa6\x1a\x25\xed\x69\x8c\x48\x94\x7d\xb1\xe5\xf9\x8f")},
		BaseURL:      srv.URL,
		Store:        store,
		Logger:       slog.New(slog.DiscardHandler),
	}
	for _, f := range change {
		f(&cfg)
	}
	c, err := core.New(cfg)
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	return c, srv
}

func newApp() *fiber.App {
	return fiber.New(fiber.Config{DisableStartupMessage: true, ReadBufferSize: fibermw.ReadBufferSize})
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   string
}

// do sends one request to app through app.Test.
func do(t testing.TB, app *fiber.App, method, target string, header map[string]string, cookies ...*http.Cookie) response {
	t.Helper()
	req, err := http.NewRequest(method, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

// signIn signs in through app, which has the auth routes, as the fake's
// current user and returns the session cookie.
func signIn(t testing.TB, app *fiber.App, fake *rememberizertest.Server) *http.Cookie {
	t.Helper()
	login := do(t, app, "GET", "/auth/rememberizer/login", nil)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	authz, err := noFollow.Get(login.header.Get("Location"))
	if err != nil {
		t.Fatalf("authorize: %v", err)
	}
	authz.Body.Close()
	cb, err := url.Parse(authz.Header.Get("Location"))
	if err != nil {
		t.Fatalf("authorize redirect %q: %v", authz.Header.Get("Location"), err)
	}
	done := do(t, app, "GET", cb.RequestURI(), nil, (&http.Response{Header: login.header}).Cookies()...)
	if done.status != http.StatusSeeOther {
		t.Fatalf("callback: got %d %q, want 303", done.status, done.body)
	}
	for _, c := range (&http.Response{Header: done.header}).Cookies() {
		if strings.HasSuffix(c.Name, "_session") && c.MaxAge >= 0 {
			return c
		}
	}
	t.Fatalf("callback set no session cookie: %q", done.header.Values("Set-Cookie"))
	return nil
}

var (
	navigation = map[string]string{"Accept": "text/html"}
	apiCall    = map[string]string{"Accept": "application/json"}
)

func TestGroup(t *testing.T) {
	t.Parallel()
	client, fake := newClient(t, rememberizertest.Config{}, nil)
	app := newApp()
	fibermw.Mount(app, client)
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("public") })
	signedIn := app.Group("/app", fibermw.RequireRememberizer(client))
	signedIn.Get("/page", func(c *fiber.Ctx) error {
		u, ok := core.UserFrom(c.UserContext())
		return c.SendString(fmt.Sprintf("hello %s %v", u.Name, ok))
	})
	signedIn.Post("/items", func(c *fiber.Ctx) error { return c.SendStatus(http.StatusCreated) })
	session := signIn(t, app, fake)

	tests := []struct {
		name         string
		method, path string
		header       map[string]string
		cookie       *http.Cookie
		wantStatus   int
		wantLocation string
		wantBody     string
	}{
		{"signed-out navigation", "GET", "/app/page?x=1", navigation, nil, http.StatusFound,
			"/auth/rememberizer/login?return_to=" + url.QueryEscape("/app/page?x=1"), ""},
		{"signed-out API call", "GET", "/app/page", apiCall, nil, http.StatusUnauthorized, "", `"error":"not_signed_in"`},
		{"signed-out POST", "POST", "/app/items", navigation, nil, http.StatusUnauthorized, "", `"error":"not_signed_in"`},
		{"public page outside the group", "GET", "/", navigation, nil, http.StatusOK, "", "public"},
		{"signed in", "GET", "/app/page", navigation, session, http.StatusOK, "", "hello Ada Lovelace true"},
		{"signed-in POST", "POST", "/app/items", apiCall, session, http.StatusCreated, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cookies []*http.Cookie
			if tt.cookie != nil {
				cookies = append(cookies, tt.cookie)
			}
			r := do(t, app, tt.method, tt.path, tt.header, cookies...)
			if r.status != tt.wantStatus || r.header.Get("Location") != tt.wantLocation || !strings.Contains(r.body, tt.wantBody) {
				t.Errorf("got %d Location %q body %q, want %d Location %q body containing %q",
					r.status, r.header.Get("Location"), r.body, tt.wantStatus, tt.wantLocation, tt.wantBody)
			}
		})
	}
}

// With app.Use after Mount, everything but the auth routes is protected.
func TestUseAfterMount(t *testing.T) {
	t.Parallel()
	client, fake := newClient(t, rememberizertest.Config{}, nil)
	app := mountedApp(client)
	app.Use(fibermw.RequireRememberizer(client))
	app.Get("/anything", func(c *fiber.Ctx) error {
		u, _ := core.UserFrom(c.UserContext())
		return c.SendString(u.Name)
	})
	if r := do(t, app, "GET", "/anything", navigation); r.status != http.StatusFound {
		t.Fatalf("signed out: got %d, want 302 to sign in", r.status)
	}
	session := signIn(t, app, fake) // the auth routes answer while signed out
	if r := do(t, app, "GET", "/anything", navigation, session); r.status != http.StatusOK || r.body != "Ada Lovelace" {
		t.Fatalf("signed in: got %d %q, want 200 Ada Lovelace", r.status, r.body)
	}
}

func TestRefusalStopsTheChain(t *testing.T) {
	t.Parallel()
	client, fake := newClient(t, rememberizertest.Config{}, nil)
	broken, _ := newClient(t, rememberizertest.Config{}, failstore.Browser{})
	session := signIn(t, mountedApp(client), fake)
	tampered := &http.Cookie{Name: session.Name, Value: "A" + session.Value[1:]}
	if tampered.Value == session.Value {
		tampered.Value = "B" + session.Value[1:]
	}
	teapot := func(c *fiber.Ctx, err error) error { return c.Status(http.StatusTeapot).SendString("hook") }
	tests := []struct {
		name       string
		client     *core.Client
		cfg        fibermw.Config
		header     map[string]string
		cookie     *http.Cookie
		wantStatus int
	}{
		{"signed-out navigation", client, fibermw.Config{}, navigation, nil, http.StatusFound},
		{"signed-out API call", client, fibermw.Config{}, apiCall, nil, http.StatusUnauthorized},
		{"tampered cookie", client, fibermw.Config{}, navigation, tampered, http.StatusFound},
		{"store down", broken, fibermw.Config{}, navigation, session, http.StatusInternalServerError},
		{"unauthorized hook", client, fibermw.Config{UnauthorizedHandler: teapot}, navigation, nil, http.StatusTeapot},
		{"error hook", broken, fibermw.Config{ErrorHandler: teapot}, apiCall, session, http.StatusTeapot},
		{"hook returning nil without writing", client, fibermw.Config{UnauthorizedHandler: func(*fiber.Ctx, error) error { return nil }}, apiCall, nil, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var ran atomic.Int32
			app := newApp()
			app.Get("/private",
				fibermw.RequireRememberizer(tt.client, tt.cfg),
				func(c *fiber.Ctx) error { ran.Add(1); return c.Next() },
				func(c *fiber.Ctx) error { ran.Add(1); return c.SendString("secret") })
			var cookies []*http.Cookie
			if tt.cookie != nil {
				cookies = append(cookies, tt.cookie)
			}
			r := do(t, app, "GET", "/private", tt.header, cookies...)
			if r.status != tt.wantStatus || strings.Contains(r.body, "secret") {
				t.Errorf("got %d %q, want %d without the protected body", r.status, r.body, tt.wantStatus)
			}
			if n := ran.Load(); n != 0 {
				t.Errorf("got %d later handlers run, want 0", n)
			}
		})
	}
	t.Run("signed in runs them all", func(t *testing.T) {
		t.Parallel()
		var ran atomic.Int32
		app := newApp()
		app.Get("/private",
			fibermw.RequireRememberizer(client),
			func(c *fiber.Ctx) error { ran.Add(1); return c.Next() },
			func(c *fiber.Ctx) error { ran.Add(1); return c.SendString("secret") })
		if r := do(t, app, "GET", "/private", navigation, session); r.status != http.StatusOK || r.body != "secret" || ran.Load() != 2 {
			t.Errorf("got %d %q with %d handlers run, want 200 secret and 2", r.status, r.body, ran.Load())
		}
	})
}

// mountedApp is an app with only the auth routes of c.
func mountedApp(c *core.Client) *fiber.App {
	app := newApp()
	fibermw.Mount(app, c)
	return app
}

// seen is what one protected handler kept from its request.
type seen struct {
	user core.User       // from core.UserFrom
	ctx  context.Context // the request's user context
	tag  string          // c.Get("X-Tag"), not copied: valid only in the handler
}

// serveKeeping serves app on a loopback listener and returns its URL and
// a client for it. The client keeps one connection alive, so fasthttp
// reuses one request context, and its buffers, for every request.
func serveKeeping(t *testing.T, app *fiber.App) (string, *http.Client) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	t.Cleanup(func() { app.Shutdown() })
	tr := &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1}
	t.Cleanup(tr.CloseIdleConnections)
	return "http://" + ln.Addr().String(), &http.Client{Transport: tr}
}

// get sends a GET with headers and cookies and reads the answer.
func get(t *testing.T, hc *http.Client, target string, header map[string]string, cookies ...*http.Cookie) response {
	t.Helper()
	req, _ := http.NewRequest("GET", target, nil)
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

// keepingApp signs in two users and serves /who, whose handler keeps what
// it saw of each request.
func keepingApp(t *testing.T) (client *core.Client, fake *rememberizertest.Server, base string, hc *http.Client, sessions [2]*http.Cookie, kept func() []seen) {
	t.Helper()
	users := []rememberizertest.User{
		{ID: "42", Email: "ada@example.com", Name: "Ada Lovelace"},
		{ID: "u-7", Email: "grace@example.com", Name: "Grace Hopper"},
	}
	client, fake = newClient(t, rememberizertest.Config{Users: users}, nil)
	app := newApp()
	fibermw.Mount(app, client)
	var (
		mu   sync.Mutex
		list []seen
	)
	app.Get("/who", fibermw.RequireRememberizer(client), func(c *fiber.Ctx) error {
		u, _ := core.UserFrom(c.UserContext())
		mu.Lock()
		list = append(list, seen{user: u, ctx: c.UserContext(), tag: c.Get("X-Tag")})
		mu.Unlock()
		return c.SendString(u.ID)
	})
	sessions[0] = signIn(t, app, fake)
	if err := fake.SetUser("u-7"); err != nil {
		t.Fatal(err)
	}
	sessions[1] = signIn(t, app, fake)
	base, hc = serveKeeping(t, app)
	return client, fake, base, hc, sessions, func() []seen {
		mu.Lock()
		defer mu.Unlock()
		return append([]seen(nil), list...)
	}
}

func TestNothingFromTheCtxOutlivesTheHandler(t *testing.T) {
	t.Parallel()
	_, _, base, hc, sessions, kept := keepingApp(t)
	want := [2]core.User{
		{ID: "42", Email: "ada@example.com", Name: "Ada Lovelace"},
		{ID: "u-7", Email: "grace@example.com", Name: "Grace Hopper"},
	}
	const n = 200
	for i := range n {
		tag := fmt.Sprintf("tag-%04d", i)
		r := get(t, hc, base+"/who?i="+tag, map[string]string{"X-Tag": tag, "Accept": "text/html"}, sessions[i%2])
		if r.status != http.StatusOK || r.body != want[i%2].ID {
			t.Fatalf("request %d: got %d %q, want 200 %q", i, r.status, r.body, want[i%2].ID)
		}
	}
	list := kept()
	if len(list) != n {
		t.Fatalf("got %d handler calls, want %d", len(list), n)
	}
	reused := 0
	for i, s := range list {
		if s.user != want[i%2] {
			t.Errorf("request %d: kept user %+v, want %+v", i, s.user, want[i%2])
		}
		if u, ok := core.UserFrom(s.ctx); !ok || u != want[i%2] {
			t.Errorf("request %d: user in the kept context %+v (ok %v), want %+v", i, u, ok, want[i%2])
		}
		if s.tag != fmt.Sprintf("tag-%04d", i) {
			reused++
		}
	}
	// The control: header values read without copying changed under the
	// handlers' feet, so fasthttp did reuse its buffers, and the users
	// above survived that.
	if reused == 0 {
		t.Errorf("every uncopied header value still reads as sent: the test did not make fasthttp reuse buffers")
	}
}

// A handler that keeps its context past its return and calls the API
// with it later never touches the request it came from (Fiber has
// recycled that *fiber.Ctx for later requests): with the cookie store the
// new tokens could only travel in that response, so the client reports
// ErrRequestEnded and spends no refresh token (SECURITY.md S22).
func TestContextKeptPastTheHandler(t *testing.T) {
	t.Parallel()
	client, fake, base, hc, sessions, kept := keepingApp(t)
	if r := get(t, hc, base+"/who", nil, sessions[0]); r.status != http.StatusOK {
		t.Fatalf("first request: got %d %q, want 200", r.status, r.body)
	}
	ctx := kept()[0].ctx

	fake.ExpireAccessTokens() // the API answers 401, the client refreshes
	api, err := client.API(ctx)
	if err != nil {
		t.Fatalf("API: %v", err)
	}
	_, err = api.Mementos(context.Background())
	if !errors.Is(err, core.ErrRequestEnded) || fake.RefreshCalls() != 0 {
		t.Fatalf("API call with the kept context: got %v after %d refresh calls, want ErrRequestEnded after 0", err, fake.RefreshCalls())
	}

	r := get(t, hc, base+"/who", nil, sessions[1])
	if r.status != http.StatusOK || r.body != "u-7" {
		t.Fatalf("next request: got %d %q, want 200 u-7", r.status, r.body)
	}
	if sc := r.header.Values("Set-Cookie"); len(sc) != 0 {
		t.Errorf("next request got Set-Cookie %q, want none (nothing written from the kept context)", sc)
	}
}

func TestMountWarnsAboutASmallReadBuffer(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		size int
		warn bool
	}{
		{"Fiber's default", 0, true},
		{"recommended", fibermw.ReadBufferSize, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs strings.Builder
			c, err := core.New(core.Config{
				ClientID: "id", ClientSecret: "secret", RedirectURL: "http://localhost/auth/rememberizer/callback",
				SessionKeys: [][]byte{[]byte("\x47\x8f\x38\x0f\x0f\xc7\x57\x75\x1a\x3a\xe8\x7c\x05\x25\x97\x81\xc5\x78\x64\xa6\x1a\x25\xed\x69\x8c\x48\x94\x7d\xb1\xe5\xf9\x8f")}, Logger: slog.New(slog.NewTextHandler(&logs, nil)),
			})
			if err != nil {
				t.Fatal(err)
			}
			fibermw.Mount(fiber.New(fiber.Config{DisableStartupMessage: true, ReadBufferSize: tt.size}), c)
			if got := strings.Contains(logs.String(), "ReadBufferSize"); got != tt.warn {
				t.Errorf("got warning %v (%q), want %v", got, logs.String(), tt.warn)
			}
		})
	}
}

// browserHeaders are what a current desktop browser sends with a
// navigation, besides cookies.
var browserHeaders = map[string]string{
	"User-Agent":                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
	"Accept":                    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
	"Accept-Encoding":           "gzip, deflate, br, zstd",
	"Accept-Language":           "en-GB,en-US;q=0.9,en;q=0.8,de;q=0.7",
	"Cache-Control":             "max-age=0",
	"Sec-Ch-Ua":                 `"Not/A)Brand";v="8", "Chromium";v="126", "Google Chrome";v="126"`,
	"Sec-Ch-Ua-Mobile":          "?0",
	"Sec-Ch-Ua-Platform":        `"Windows"`,
	"Sec-Fetch-Dest":            "document",
	"Sec-Fetch-Mode":            "navigate",
	"Sec-Fetch-Site":            "same-origin",
	"Sec-Fetch-User":            "?1",
	"Upgrade-Insecure-Requests": "1",
}

// A browser holding a session and several sign-ins under way sends more
// than Fiber's default read buffer holds: such an app answers 431, while
// one with the recommended buffer serves the page.
func TestLargeSignInCookies(t *testing.T) {
	t.Parallel()
	client, fake := newClient(t, rememberizertest.Config{}, nil)
	protected := func(size int) *fiber.App {
		app := fiber.New(fiber.Config{DisableStartupMessage: true, ReadBufferSize: size})
		fibermw.Mount(app, client)
		app.Get("/private", fibermw.RequireRememberizer(client), func(c *fiber.Ctx) error { return c.SendString("ok") })
		return app
	}
	app := protected(fibermw.ReadBufferSize)
	session := signIn(t, app, fake)
	jar := map[string]*http.Cookie{session.Name: session}
	cookies := func() []*http.Cookie {
		var out []*http.Cookie
		for _, c := range jar {
			out = append(out, c)
		}
		return out
	}
	for i := range 5 {
		returnTo := "/reports/" + strings.Repeat("q", 540) + fmt.Sprint(i)
		r := do(t, app, "GET", "/auth/rememberizer/login?return_to="+url.QueryEscape(returnTo), browserHeaders, cookies()...)
		if r.status != http.StatusFound {
			t.Fatalf("login %d: got %d %q, want 302", i, r.status, r.body)
		}
		for _, c := range (&http.Response{Header: r.header}).Cookies() {
			jar[c.Name] = c
		}
	}
	tests := []struct {
		name       string
		app        *fiber.App
		wantStatus int
	}{
		{"Fiber's default buffer", protected(0), http.StatusRequestHeaderFieldsTooLarge},
		{"fibermw.ReadBufferSize", app, http.StatusOK},
	}
	for _, tt := range tests {
		base, hc := serveKeeping(t, tt.app)
		if r := get(t, hc, base+"/private", browserHeaders, cookies()...); r.status != tt.wantStatus {
			t.Errorf("%s: got %d %q, want %d", tt.name, r.status, r.body, tt.wantStatus)
		}
	}
}
