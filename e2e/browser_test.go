package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"html/template"
	"image/png"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

const (
	// scenarioTimeout bounds each scenario, browser steps included.
	scenarioTimeout = 60 * time.Second
	// runTimeout bounds the browser's whole life, so a hung Chromium
	// cannot hang the test binary.
	runTimeout = 5 * time.Minute
	// pollInterval is how often the page's URL is read while waiting for
	// a navigation to land.
	pollInterval = 20 * time.Millisecond

	callbackPath = core.DefaultRoutePrefix + "/callback"

	// Fixed messages of core.MessageFor that the error pages show.
	msgCancelled   = "Sign-in was cancelled."
	msgInvalidLink = "This sign-in link is not valid in this browser."

	// providerDescription is the error_description the fake sends with
	// access_denied; the app must never show it.
	providerDescription = "the user denied the request"
)

// user is the account the fake Rememberizer signs in as.
var user = rememberizertest.User{ID: "7", Email: "ada@example.com", Name: "Ada Lovelace"}

// TestBrowser walks the sign-in flow in headless Chromium, with the app on
// http://localhost:PORT and the fake Rememberizer on http://127.0.0.1:PORT,
// two different sites, so the browser's cross-site cookie rules apply.
func TestBrowser(t *testing.T) {
	execPath := chromiumPath(t)
	env := newTestEnv(t)
	env.browser = startBrowser(t, execPath)

	t.Run("SignIn", func(t *testing.T) {
		ctx := newTab(t, env.browser)
		signIn(t, ctx, env, env.app)

		shot := run(t, ctx, "taking a screenshot", chromedp.FullScreenshot(100))
		path := filepath.Join(t.TempDir(), "signed-in-dashboard.png")
		if err := os.WriteFile(path, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		checkPNG(t, path)
		t.Logf("screenshot of the signed-in dashboard: %s", path)
		keepArtifact(t, path)
	})

	t.Run("SignOut", func(t *testing.T) {
		ctx := newTab(t, env.browser)
		signIn(t, ctx, env, env.app)

		resp := click(t, ctx, "signout")
		if resp.Status != http.StatusOK || !isPage(resp.URL, env.app.URL, "/") {
			t.Fatalf("after sign-out: HTTP %d at %s, want 200 at %s/", resp.Status, resp.URL, env.app.URL)
		}
		waitForPage(t, ctx, env.app.URL, "/")
		do(t, ctx, "waiting for the sign-in link", chromedp.WaitVisible(chromedp.ID("signin")))
		signedIn := run(t, ctx, "looking for #user-name",
			chromedp.Evaluate[bool](`document.getElementById("user-name") !== null`))
		if signedIn {
			t.Fatal("the home page still shows a signed-in user after sign-out")
		}
		if c := findCookie(cookies(t, ctx, env.app.URL), "_session"); c != nil {
			t.Fatalf("session cookie %s still in the browser after sign-out", c.Name)
		}

		// The dashboard asks for sign-in again.
		openConsent(t, ctx, env, env.app)
	})

	t.Run("Deny", func(t *testing.T) {
		ctx := newTab(t, env.browser)
		openConsent(t, ctx, env, env.app)

		resp := click(t, ctx, "deny")
		if resp.Status != http.StatusForbidden || !onPath(resp.URL, env.app.URL, callbackPath) {
			t.Fatalf("after deny: HTTP %d at %s, want 403 at %s%s", resp.Status, resp.URL, env.app.URL, callbackPath)
		}
		body := run(t, ctx, "reading the page", chromedp.Text(chromedp.CSS("body")))
		if !strings.Contains(body, msgCancelled) {
			t.Errorf("error page %q does not say %q", body, msgCancelled)
		}
		html := run(t, ctx, "reading the page's HTML", chromedp.OuterHTML(chromedp.CSS("html")))
		for _, s := range []string{providerDescription, "error_description", "access_denied"} {
			if strings.Contains(html, s) {
				t.Errorf("error page shows provider-supplied text %q:\n%s", s, html)
			}
		}
		if c := findCookie(cookies(t, ctx, env.app.URL), "_session"); c != nil {
			t.Errorf("session cookie %s set after a denied sign-in", c.Name)
		}
	})

	// A regression of SECURITY.md S13 to SameSite=Strict must fail here:
	// the same flow, once with the library's cookies and once with the
	// pending-login cookie turned Strict on its way out.
	t.Run("StrictLoginCookieFails", func(t *testing.T) {
		lax := newTab(t, env.browser)
		signIn(t, lax, env, env.app)

		ctx := newTab(t, env.browser)
		openConsent(t, ctx, env, env.strictApp)
		resp := click(t, ctx, "approve")
		body := run(t, ctx, "reading the page", chromedp.Text(chromedp.CSS("body")))
		if resp.Status != http.StatusBadRequest || !onPath(resp.URL, env.strictApp.URL, callbackPath) {
			t.Fatalf("with a Strict login cookie: HTTP %d at %s (%q), want 400 at %s%s",
				resp.Status, resp.URL, body, env.strictApp.URL, callbackPath)
		}
		if !strings.Contains(body, msgInvalidLink) {
			t.Errorf("error page %q does not say %q", body, msgInvalidLink)
		}
		if c := findCookie(cookies(t, ctx, env.strictApp.URL), "_session"); c != nil {
			t.Errorf("session cookie %s set although sign-in failed", c.Name)
		}
		if n := env.strictApp.rewrites.Load(); n == 0 {
			t.Error("no login cookie was turned Strict: the control did not run")
		}
		if with, without := env.strictApp.callbacks(); with != 0 || without != 1 {
			t.Errorf("strict app's callback got the login cookie %d times and went without it %d times, want 0 and 1", with, without)
		}
		if with, _ := env.app.callbacks(); with == 0 {
			t.Error("the normal app's callback never got the login cookie")
		}
		t.Logf("SameSite=Lax: signed in; SameSite=Strict: HTTP %d %q", resp.Status, msgInvalidLink)
	})
}

// testEnv is the fake Rememberizer, two instances of the app and the
// browser shared by the scenarios.
type testEnv struct {
	fake      *rememberizertest.Server
	app       *testApp // cookies exactly as the library sets them
	strictApp *testApp // pending-login cookie turned SameSite=Strict
	browser   context.Context
}

// testApp is one instance of the app under test.
type testApp struct {
	// URL is the app's origin, http://localhost:PORT.
	URL string
	// loginSameSite is what the browser should store as the pending-login
	// cookie's SameSite.
	loginSameSite network.CookieSameSite
	// rewrites counts Set-Cookie headers turned Strict (strict app only).
	rewrites atomic.Int64
	// withCookie and withoutCookie count callback requests that carried
	// a pending-login cookie and those that did not.
	withCookie, withoutCookie atomic.Int64
}

func (a *testApp) callbacks() (with, without int64) {
	return a.withCookie.Load(), a.withoutCookie.Load()
}

// newTestEnv starts the fake Rememberizer on 127.0.0.1 and both apps,
// listening on 127.0.0.1 but addressed as localhost.
func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(testLogWriter{t}, nil))

	appServer, appURL := newLocalhostServer(t)
	strictServer, strictURL := newLocalhostServer(t)

	fake := rememberizertest.NewServer(rememberizertest.Config{
		ConsentPage:  true,
		Addr:         "127.0.0.1:0",
		AppName:      "Browser test app",
		Users:        []rememberizertest.User{user},
		RedirectURIs: []string{appURL + callbackPath, strictURL + callbackPath},
	})
	t.Cleanup(fake.Close)

	env := &testEnv{
		fake:      fake,
		app:       &testApp{URL: appURL, loginSameSite: network.CookieSameSiteLax},
		strictApp: &testApp{URL: strictURL, loginSameSite: network.CookieSameSiteStrict},
	}
	startApp(t, appServer, env.app, fake, logger, false)
	startApp(t, strictServer, env.strictApp, fake, logger, true)
	return env
}

// newLocalhostServer makes an unstarted server listening on 127.0.0.1 and
// returns it with its origin spelled http://localhost:PORT.
func newLocalhostServer(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	ts.Listener.Close()
	ts.Listener = l
	t.Cleanup(ts.Close)
	port := l.Addr().(*net.TCPAddr).Port
	return ts, "http://localhost:" + strconv.Itoa(port)
}

// startApp builds the app for a on core and nethttp, the way
// examples/nethttp does, and starts ts with it.
func startApp(t *testing.T, ts *httptest.Server, a *testApp, fake *rememberizertest.Server, logger *slog.Logger, strict bool) {
	t.Helper()
	key := make([]byte, core.KeySize)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	c, err := core.New(core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  a.URL + callbackPath,
		BaseURL:      fake.URL,
		SessionKeys:  [][]byte{key},
		Logger:       logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	h := appHandler(c)
	if strict {
		h = strictLoginCookie(h, &a.rewrites)
	}
	ts.Config.Handler = countCallbacks(h, a)
	ts.Config.ReadHeaderTimeout = 10 * time.Second
	ts.Start()
}

// appHandler routes the app's pages and the sign-in routes, like
// examples/nethttp's newHandler.
func appHandler(c *core.Client) http.Handler {
	mux := http.NewServeMux()
	nethttp.Mount(mux, c) // GET login, GET callback, POST logout
	mux.Handle("GET /{$}", nethttp.OptionalRememberizer(c)(page(c, "home")))
	mux.Handle("GET /dashboard", nethttp.RequireRememberizer(c)(page(c, "dashboard")))
	return mux
}

// pages are the app's pages, with the element ids of the example apps.
var pages = template.Must(template.New("").Parse(`
{{- define "top"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.}}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1f2328}dt{color:#59636e}dd{margin:0 0 .5rem;font-weight:600}</style>
</head><body>{{end}}
{{- define "signout"}}<form method="post" action="{{.LogoutPath}}"><button id="signout">Sign out</button></form>{{end}}
{{- define "home"}}{{template "top" "Home"}}
<h1>Home</h1>
{{- if .User}}
<p>Signed in as <strong id="user-name">{{.User.Name}}</strong>.</p>
<p><a id="dashboard" href="/dashboard">Open your dashboard</a></p>
{{template "signout" .}}
{{- else}}
<p><a id="signin" href="{{.LoginPath}}?return_to=/dashboard">Sign in with Rememberizer</a></p>
{{- end}}
</body></html>{{end}}
{{- define "dashboard"}}{{template "top" "Dashboard"}}
<h1>Your dashboard</h1>
<dl><dt>Name</dt><dd id="user-name">{{.User.Name}}</dd><dt>Email</dt><dd id="user-email">{{.User.Email}}</dd></dl>
{{template "signout" .}}
</body></html>{{end}}`))

type pageData struct {
	User                  *core.User
	LoginPath, LogoutPath string
}

// page serves the named page, showing the signed-in user if any.
func page(c *core.Client, name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data := pageData{LoginPath: c.LoginPath(), LogoutPath: c.LogoutPath()}
		if u, ok := core.UserFrom(r.Context()); ok {
			data.User = &u
		}
		var buf bytes.Buffer
		if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
			http.Error(w, "rendering failed", http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		_, _ = buf.WriteTo(w)
	})
}

// countCallbacks counts the callback requests that carry a pending-login
// cookie and those that do not.
func countCallbacks(next http.Handler, a *testApp) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == callbackPath {
			has := slices.ContainsFunc(r.Cookies(), func(c *http.Cookie) bool {
				return strings.HasSuffix(c.Name, "_login")
			})
			if has {
				a.withCookie.Add(1)
			} else {
				a.withoutCookie.Add(1)
			}
		}
		next.ServeHTTP(w, r)
	})
}

// strictLoginCookie turns SameSite=Lax into SameSite=Strict in every
// Set-Cookie header of the pending-login cookie (name ending in _login),
// as a library that broke S13 would send it.
func strictLoginCookie(next http.Handler, rewrites *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &strictWriter{ResponseWriter: w, rewrites: rewrites}
		next.ServeHTTP(sw, r)
		sw.rewrite() // a handler that wrote nothing
	})
}

type strictWriter struct {
	http.ResponseWriter
	rewrites *atomic.Int64
	done     bool
}

func (w *strictWriter) rewrite() {
	if w.done {
		return
	}
	w.done = true
	values := w.Header()["Set-Cookie"]
	for i, v := range values {
		name, _, _ := strings.Cut(v, "=")
		if strings.HasSuffix(name, "_login") && strings.Contains(v, "SameSite=Lax") {
			values[i] = strings.Replace(v, "SameSite=Lax", "SameSite=Strict", 1)
			w.rewrites.Add(1)
		}
	}
}

func (w *strictWriter) WriteHeader(code int) {
	w.rewrite()
	w.ResponseWriter.WriteHeader(code)
}

func (w *strictWriter) Write(b []byte) (int, error) {
	w.rewrite()
	return w.ResponseWriter.Write(b)
}

func (w *strictWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// chromiumPath returns the browser to run. Without one the test is skipped,
// or fails under CI.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "no Chromium found (looked for /usr/bin/chromium and for chromium, chromium-browser and google-chrome on PATH); install it with: apt-get install -y chromium"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// startBrowser starts headless Chromium with a fresh profile and returns
// its context. The browser is killed when the test ends.
func startBrowser(t *testing.T, execPath string) context.Context {
	t.Helper()
	out := &lockedBuffer{}
	profile := t.TempDir() // removed after the cleanup below has run
	runCtx, cancelRun := context.WithTimeout(context.Background(), runTimeout)
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox, // Chromium runs as root here
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1024, 768),
		chromedp.CombinedOutput(out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(runCtx, opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser() // closes the browser
		cancelAlloc()   // kills the process if still there, and waits for it
		cancelRun()
		if t.Failed() {
			t.Logf("Chromium's output:\n%s", out.String())
		}
	})
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("starting %s: %v", execPath, err)
	}
	return browserCtx
}

// newTab opens a tab in a new browser context, so no cookie is shared with
// another scenario, and bounds it by scenarioTimeout.
func newTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, scenarioTimeout)
	tab, cancelTab := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(func() {
		cancelTab()
		cancel()
	})
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tab
}

// openConsent opens the protected dashboard signed out and checks that the
// browser lands on the fake's consent page, holding the app's pending-login
// cookie with the SameSite the app sent.
func openConsent(t *testing.T, ctx context.Context, env *testEnv, app *testApp) {
	t.Helper()
	do(t, ctx, "opening the dashboard", chromedp.Navigate(app.URL+"/dashboard"))
	fake, err := url.Parse(env.fake.URL)
	if err != nil {
		t.Fatal(err)
	}
	u := waitForURL(t, ctx, "the consent page", func(u *url.URL) bool {
		return u.Host == fake.Host && u.Path == rememberizertest.AuthorizePath
	})
	if u.Hostname() != "127.0.0.1" {
		t.Fatalf("consent page on host %q, want 127.0.0.1", u.Hostname())
	}
	do(t, ctx, "waiting for #approve", chromedp.WaitVisible(chromedp.ID("approve")))

	login := findCookie(cookies(t, ctx, app.URL), "_login")
	switch {
	case login == nil:
		t.Fatal("no pending-login cookie for the app in the browser")
	case login.SameSite != app.loginSameSite:
		t.Fatalf("pending-login cookie %s has SameSite=%q, want %q", login.Name, login.SameSite, app.loginSameSite)
	case !login.HTTPOnly || login.Path != "/":
		t.Fatalf("pending-login cookie %s: HttpOnly=%v Path=%q, want HttpOnly and /", login.Name, login.HTTPOnly, login.Path)
	}
}

// signIn goes from a signed-out tab to the signed-in dashboard of app.
func signIn(t *testing.T, ctx context.Context, env *testEnv, app *testApp) {
	t.Helper()
	openConsent(t, ctx, env, app)
	resp := click(t, ctx, "approve")
	if resp.Status != http.StatusOK || !isPage(resp.URL, app.URL, "/dashboard") {
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
		t.Fatalf("after approve: HTTP %d at %s (%q), want 200 at %s/dashboard", resp.Status, resp.URL, body, app.URL)
	}
	waitForPage(t, ctx, app.URL, "/dashboard")
	do(t, ctx, "waiting for #user-name", chromedp.WaitVisible(chromedp.ID("user-name")))
	if got := run(t, ctx, "reading #user-name", chromedp.Text(chromedp.ID("user-name"))); got != user.Name {
		t.Fatalf("#user-name = %q, want %q", got, user.Name)
	}
	if got := run(t, ctx, "reading #user-email", chromedp.Text(chromedp.ID("user-email"))); got != user.Email {
		t.Fatalf("#user-email = %q, want %q", got, user.Email)
	}
	session := findCookie(cookies(t, ctx, app.URL), "_session")
	switch {
	case session == nil:
		t.Fatal("signed in, but no session cookie in the browser")
	case session.SameSite != network.CookieSameSiteLax || !session.HTTPOnly:
		t.Fatalf("session cookie %s: SameSite=%q HttpOnly=%v, want Lax and HttpOnly", session.Name, session.SameSite, session.HTTPOnly)
	}
}

// click clicks the element with this id, waits for the navigation it
// starts to load, and returns the final response of that navigation.
func click(t *testing.T, ctx context.Context, id string) *network.Response {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID(id)))
	if err != nil {
		t.Fatalf("clicking #%s: %v", id, err)
	}
	if resp == nil {
		t.Fatalf("clicking #%s: no response", id)
	}
	return resp
}

// isPage reports whether raw is origin+path with no query.
func isPage(raw, origin, path string) bool {
	u, err := url.Parse(raw)
	return err == nil && onPath(raw, origin, path) && u.RawQuery == ""
}

// onPath reports whether raw is origin+path, with any query.
func onPath(raw, origin, path string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme+"://"+u.Host == origin && u.Path == path
}

// waitForPage waits until the tab shows origin+path.
func waitForPage(t *testing.T, ctx context.Context, origin, path string) {
	t.Helper()
	waitForURL(t, ctx, origin+path, func(u *url.URL) bool { return isPage(u.String(), origin, path) })
}

// waitForURL reads the tab's URL until ok accepts it, or fails when the
// scenario's deadline passes.
func waitForURL(t *testing.T, ctx context.Context, what string, ok func(*url.URL) bool) *url.URL {
	t.Helper()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	last := ""
	for {
		// Location fails while a navigation swaps documents; try again.
		if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
			last = loc
			if u, err := url.Parse(loc); err == nil && ok(u) {
				return u
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v (the tab is at %q)", what, ctx.Err(), last)
		case <-tick.C:
		}
	}
}

// cookies returns the browser's cookies for origin, in the tab's browser
// context.
func cookies(t *testing.T, ctx context.Context, origin string) []*network.Cookie {
	t.Helper()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{origin + "/"}})
	if err != nil {
		t.Fatalf("reading cookies: %v", err)
	}
	return res.Cookies
}

// findCookie returns the cookie whose name ends in suffix, or nil.
func findCookie(cs []*network.Cookie, suffix string) *network.Cookie {
	for _, c := range cs {
		if strings.HasSuffix(c.Name, suffix) {
			return c
		}
	}
	return nil
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// checkPNG checks that path holds a non-empty PNG image.
func checkPNG(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 {
		t.Fatalf("%s is empty", path)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() == 0 || b.Dy() == 0 {
		t.Fatalf("%s is an empty %dx%d image", path, b.Dx(), b.Dy())
	}
}

// keepArtifact copies path into $E2E_ARTIFACTS_DIR, when set, so it
// outlives the test's temporary directory.
func keepArtifact(t *testing.T, path string) {
	t.Helper()
	dir := os.Getenv("E2E_ARTIFACTS_DIR")
	if dir == "" {
		return
	}
	data, err := os.ReadFile(path)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	dst := filepath.Join(dir, filepath.Base(path))
	if err == nil {
		err = os.WriteFile(dst, data, 0o644)
	}
	if err != nil {
		t.Fatalf("keeping %s: %v", path, err)
	}
	t.Logf("copied to %s", dst)
}

// testLogWriter sends the app's log lines to the test log.
type testLogWriter struct{ t *testing.T }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// lockedBuffer collects Chromium's output, which it writes from another
// goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
