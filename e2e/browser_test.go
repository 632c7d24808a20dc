package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"go/build"
	"html/template"
	"image/png"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	// a navigation to land, and how often the example app's health check
	// is tried while it starts.
	pollInterval = 20 * time.Millisecond

	// exampleStartTimeout bounds the example app's start, from exec to a
	// healthy /healthz.
	exampleStartTimeout = 30 * time.Second
	// exampleStopTimeout is how long the example app gets to exit after
	// SIGTERM before it is killed. It shuts down gracefully in at most
	// demoenv.ShutdownTimeout (10s).
	exampleStopTimeout = 15 * time.Second

	callbackPath = "/auth/rememberizer/callback"
	logoutPath   = "/auth/rememberizer/logout"

	// Fixed messages of core.ErrorPageFor that the error pages show.
	msgCancelled   = "Sign-in was cancelled."
	msgInvalidLink = "This sign-in link is not valid in this browser."
	// msgSignOutNeedsPost is what a GET on the logout route says.
	msgSignOutNeedsPost = "Signing out needs a POST form"

	// providerDescription is the error_description the fake sends with
	// access_denied; the app must never show it.
	providerDescription = "the user denied the request"
)

var (
	// demoUser is the account the example's fake Rememberizer offers
	// first (examples/demoenv's DemoUsers) and so preselects on
	// its consent page.
	demoUser = rememberizertest.User{ID: "1", Email: "ada@example.com", Name: "Ada Lovelace"}

	// demoMementos are the fake's default mementos, which demo mode
	// offers and the consent page ticks, in the order the API lists them.
	demoMementos = []string{"Research notes", "Slack #design", "Inbox"}

	// localUser is the account the in-process app's fake signs in as.
	localUser = rememberizertest.User{ID: "7", Email: "ada@example.com", Name: "Ada Lovelace"}
)

// TestBrowser walks the sign-in flow in headless Chromium against the
// nethttp example program, built and run by the test in demo mode: the app
// on http://localhost:PORT and its own fake Rememberizer on
// http://127.0.0.1:PORT, two different sites, so the browser's cross-site
// cookie rules apply. The SameSite=Strict control runs against an app
// built in-process, whose responses it rewrites.
func TestBrowser(t *testing.T) {
	execPath := chromiumPath(t)
	example := startExample(t, "nethttp")
	local := newLocalEnv(t)
	browser := startBrowser(t, execPath)

	t.Run("SignIn", func(t *testing.T) {
		ctx := newTab(t, browser)
		signIn(t, ctx, example)

		// The dashboard lists the mementos it got from the fake's API
		// through the library's API client, as the signed-in user.
		do(t, ctx, "waiting for #mementos", chromedp.WaitVisible(chromedp.ID("mementos")))
		got := run(t, ctx, "reading #mementos",
			chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#mementos li"), li => li.textContent.trim())`))
		if !slices.Equal(got, demoMementos) {
			t.Fatalf("#mementos lists %q, want %q", got, demoMementos)
		}
		failed := run(t, ctx, "looking for #mementos-error",
			chromedp.Evaluate[bool](`document.getElementById("mementos-error") !== null`))
		if failed {
			t.Fatal("the dashboard says the mementos could not be loaded")
		}

		shot := run(t, ctx, "taking a screenshot", chromedp.FullScreenshot(100))
		path := filepath.Join(t.TempDir(), "signed-in-dashboard.png")
		if err := os.WriteFile(path, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		checkPNG(t, path)
		t.Logf("screenshot of the signed-in dashboard: %s", path)
		keepArtifact(t, path)
	})

	t.Run("DemoPages", func(t *testing.T) {
		ctx := newTab(t, browser)
		do(t, ctx, "opening the home page", chromedp.Navigate(example.URL+"/"))
		do(t, ctx, "waiting for the sign-in link", chromedp.WaitVisible(chromedp.ID("signin")))
		saveScreenshot(t, ctx, "demo-home-signed-out.png")
		openConsent(t, ctx, example)
		saveScreenshot(t, ctx, "fake-consent-page.png")
		click(t, ctx, "approve")
		waitForPage(t, ctx, example.URL, "/dashboard")
		do(t, ctx, "opening the home page", chromedp.Navigate(example.URL+"/"))
		do(t, ctx, "waiting for the sign-out button", chromedp.WaitVisible(chromedp.ID("signout")))
		saveScreenshot(t, ctx, "demo-home-signed-in.png")

		// A sign-out link instead of a form: 405, in the demo's look.
		resp := run(t, ctx, "opening the logout route with GET", chromedp.NavigateResponse(example.URL+logoutPath))
		if resp.Status != http.StatusMethodNotAllowed {
			t.Fatalf("GET logout: HTTP %d, want 405", resp.Status)
		}
		body := run(t, ctx, "reading the page", chromedp.Text(chromedp.CSS("body")))
		if !strings.Contains(body, msgSignOutNeedsPost) || !strings.Contains(body, "Rememberizer demo") {
			t.Errorf("GET logout page %q does not say %q in the demo's layout", body, msgSignOutNeedsPost)
		}
		saveScreenshot(t, ctx, "demo-error-page-sign-out-link.png")

		checkNotFound(t, ctx, example, "demo-not-found.png")
	})

	t.Run("SignOut", func(t *testing.T) {
		checkSignOut(t, newTab(t, browser), example, "demo-signed-out-notice.png")
	})

	t.Run("Deny", func(t *testing.T) {
		checkDeny(t, newTab(t, browser), example, "demo-error-page-denied.png")
	})

	// A regression of SECURITY.md S13 to SameSite=Strict must fail here:
	// the same flow, once with the library's cookies and once with the
	// pending-login cookie turned Strict on its way out.
	t.Run("StrictLoginCookieFails", func(t *testing.T) {
		lax := newTab(t, browser)
		signIn(t, lax, &local.app.app)

		ctx := newTab(t, browser)
		strict := local.strictApp
		openConsent(t, ctx, &strict.app)
		resp := click(t, ctx, "approve")
		body := run(t, ctx, "reading the page", chromedp.Text(chromedp.CSS("body")))
		if resp.Status != http.StatusBadRequest || !onPath(resp.URL, strict.URL, callbackPath) {
			t.Fatalf("with a Strict login cookie: HTTP %d at %s (%q), want 400 at %s%s",
				resp.Status, resp.URL, body, strict.URL, callbackPath)
		}
		if !strings.Contains(body, msgInvalidLink) {
			t.Errorf("error page %q does not say %q", body, msgInvalidLink)
		}
		// The in-process app shows the library's default error page.
		font := run(t, ctx, "reading the page's font", chromedp.Evaluate[string](`getComputedStyle(document.body).fontFamily`))
		if !strings.Contains(font, "system-ui") {
			t.Errorf("default error page renders in %q, want its own style (system-ui) applied under its CSP", font)
		}
		saveScreenshot(t, ctx, "default-error-page.png")
		if c := findCookie(cookies(t, ctx, strict.URL), "_session"); c != nil {
			t.Errorf("session cookie %s set although sign-in failed", c.Name)
		}
		if n := strict.rewrites.Load(); n == 0 {
			t.Error("no login cookie was turned Strict: the control did not run")
		}
		if with, without := strict.callbacks(); with != 0 || without != 1 {
			t.Errorf("strict app's callback got the login cookie %d times and went without it %d times, want 0 and 1", with, without)
		}
		if with, _ := local.app.callbacks(); with == 0 {
			t.Error("the normal app's callback never got the login cookie")
		}
		t.Logf("SameSite=Lax: signed in; SameSite=Strict: HTTP %d %q", resp.Status, msgInvalidLink)
	})
}

// checkNotFound opens an address the demo app does not serve: 404, in the
// demo's look; it saves a screenshot as shot.
func checkNotFound(t *testing.T, ctx context.Context, example *app, shot string) {
	t.Helper()
	resp := run(t, ctx, "opening an unknown page", chromedp.NavigateResponse(example.URL+"/nowhere"))
	if resp.Status != http.StatusNotFound {
		t.Fatalf("unknown page: HTTP %d, want 404", resp.Status)
	}
	body := run(t, ctx, "reading the page", chromedp.Text(chromedp.CSS("body")))
	if !strings.Contains(body, "Page not found") || !strings.Contains(body, "Rememberizer demo") {
		t.Errorf("404 page %q is not the demo's", body)
	}
	saveScreenshot(t, ctx, shot)
}

// checkSignOut signs in on the demo app and out again: the home page says
// so, the session cookie is gone and the dashboard asks for sign-in again;
// it saves a screenshot of the notice as shot.
func checkSignOut(t *testing.T, ctx context.Context, example *app, shot string) {
	t.Helper()
	signIn(t, ctx, example)

	resp := click(t, ctx, "signout")
	if resp.Status != http.StatusOK || !onPath(resp.URL, example.URL, "/") {
		t.Fatalf("after sign-out: HTTP %d at %s, want 200 at %s/", resp.Status, resp.URL, example.URL)
	}
	waitForURL(t, ctx, example.URL+"/?signed_out=1", func(u *url.URL) bool { return onPath(u.String(), example.URL, "/") })
	do(t, ctx, "waiting for the sign-in link", chromedp.WaitVisible(chromedp.ID("signin")))
	if notice := run(t, ctx, "reading the notice", chromedp.Text(chromedp.ID("notice"))); notice != "You are signed out." {
		t.Errorf("after sign-out: notice %q, want You are signed out.", notice)
	}
	saveScreenshot(t, ctx, shot)
	signedIn := run(t, ctx, "looking for #user-name",
		chromedp.Evaluate[bool](`document.getElementById("user-name") !== null`))
	if signedIn {
		t.Fatal("the home page still shows a signed-in user after sign-out")
	}
	if c := findCookie(cookies(t, ctx, example.URL), "_session"); c != nil {
		t.Fatalf("session cookie %s still in the browser after sign-out", c.Name)
	}

	// The dashboard asks for sign-in again.
	openConsent(t, ctx, example)
}

// checkDeny denies the sign-in on the fake's consent page: the demo app
// shows a neutral page with Try again, none of the provider's text, and
// sets no session cookie; it saves a screenshot as shot.
func checkDeny(t *testing.T, ctx context.Context, example *app, shot string) {
	t.Helper()
	openConsent(t, ctx, example)

	resp := click(t, ctx, "deny")
	if resp.Status != http.StatusForbidden || !onPath(resp.URL, example.URL, callbackPath) {
		t.Fatalf("after deny: HTTP %d at %s, want 403 at %s%s", resp.Status, resp.URL, example.URL, callbackPath)
	}
	body := run(t, ctx, "reading the page", chromedp.Text(chromedp.CSS("body")))
	if !strings.Contains(body, msgCancelled) {
		t.Errorf("error page %q does not say %q", body, msgCancelled)
	}
	if !strings.Contains(body, "You chose not to sign in") || !strings.Contains(body, "Try again") || strings.Contains(body, "Error 403") {
		t.Errorf("cancel page %q: want a neutral heading, Try again and no error status", body)
	}
	html := run(t, ctx, "reading the page's HTML", chromedp.OuterHTML(chromedp.CSS("html")))
	for _, s := range []string{providerDescription, "error_description", "access_denied"} {
		if strings.Contains(html, s) {
			t.Errorf("error page shows provider-supplied text %q:\n%s", s, html)
		}
	}
	if c := findCookie(cookies(t, ctx, example.URL), "_session"); c != nil {
		t.Errorf("session cookie %s set after a denied sign-in", c.Name)
	}
	saveScreenshot(t, ctx, shot)
}

// app is an app under test as the browser sees it.
type app struct {
	// URL is the app's origin, http://localhost:PORT.
	URL string
	// FakeURL is the origin of the fake Rememberizer the app signs in
	// with, http://127.0.0.1:PORT.
	FakeURL string
	// User is the account the fake's consent page signs in as.
	User rememberizertest.User
	// loginSameSite is what the browser should store as the pending-login
	// cookie's SameSite.
	loginSameSite network.CookieSameSite
}

// The example app: examples/nethttp, built and run as its own process.

// demoLine is the line the example prints on stdout in demo mode, with the
// fake Rememberizer's URL and the app's public URL.
var demoLine = regexp.MustCompile(`^Demo mode: .* local fake Rememberizer at ([^;\s]+); open (\S+)$`)

// errAddrInUse reports that the example could not listen on the port the
// test picked, because something else took it in the meantime.
var errAddrInUse = errors.New("the example app's port was taken")

// startExample builds examples/<name> (nethttp, gin, fiber, fiber3, echo),
// runs it in demo mode on a free loopback port and waits until it is
// healthy. The process is stopped when the test ends.
func startExample(t *testing.T, name string) *app {
	t.Helper()
	bin := buildExample(t, name)
	const attempts = 3
	for i := 1; ; i++ {
		a, err := launchExample(t, bin)
		if err == nil {
			return a
		}
		if !errors.Is(err, errAddrInUse) || i == attempts {
			t.Fatal(err)
		}
		t.Logf("%v; trying another port", err)
	}
}

// buildExample builds examples/<name> into the test's temporary directory
// and returns the program's path. The examples module is ../examples from
// the test's working directory, e2e; building from there works with the
// workspace and without it (GOWORK=off).
func buildExample(t *testing.T, name string) string {
	t.Helper()
	root, err := filepath.Abs("../examples")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no examples module at %s: %v", root, err)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(build.Default.GOROOT, "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "app")
	cmd := exec.Command(goBin, "build", "-o", bin, "./"+name)
	cmd.Dir = root
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s build -o %s ./%s (in %s): %v\n%s", goBin, bin, name, root, err, out)
	}
	t.Logf("built examples/%s in %v", name, time.Since(start).Round(time.Millisecond))
	return bin
}

// exampleEnv is os.Environ with the example's settings replaced: listen on
// 127.0.0.1:port, be opened as http://localhost:port, and run in demo mode
// with a random session key and sealed-cookie sessions.
func exampleEnv(port int) []string {
	settings := [][2]string{
		{"ADDR", "127.0.0.1:" + strconv.Itoa(port)},
		{"PUBLIC_URL", "http://localhost:" + strconv.Itoa(port)},
		{"REMEMBERIZER_CLIENT_ID", ""},
		{"REMEMBERIZER_CLIENT_SECRET", ""},
		{"REMEMBERIZER_BASE_URL", ""},
		{"SESSION_KEYS", ""},
		{"REDIS_URL", ""},
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.ContainsFunc(settings, func(s [2]string) bool { return s[0] == name })
	})
	for _, s := range settings {
		env = append(env, s[0]+"="+s[1])
	}
	return env
}

// launchExample starts bin on a free port and waits for its demo-mode line
// and a healthy /healthz. It registers the process's stop with t.Cleanup
// as soon as it runs, whatever happens next.
func launchExample(t *testing.T, bin string) (*app, error) {
	t.Helper()
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin)
	cmd.Env = exampleEnv(port)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	cmd.WaitDelay = 5 * time.Second // bounds the copy of stderr after exit
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the example app: %w", err)
	}

	// Read stdout to its end, so the app never blocks writing to it, and
	// hand over the demo-mode line. Wait only once stdout is drained.
	out := &lockedBuffer{}
	lines := make(chan string, 1)
	exited := make(chan struct{})
	var waitErr error
	go func() {
		sc := bufio.NewScanner(stdout)
		found := false
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(out, line)
			if !found && strings.HasPrefix(line, "Demo mode:") {
				found = true
				lines <- line
			}
		}
		_, _ = io.Copy(io.Discard, stdout) // after a line too long to scan
		waitErr = cmd.Wait()
		close(exited)
	}()

	t.Cleanup(func() {
		stopExample(t, cmd, exited, &waitErr)
		t.Logf("example app on port %d, stdout:\n%s\nstderr:\n%s", port,
			strings.TrimSuffix(out.String(), "\n"), strings.TrimSuffix(stderr.String(), "\n"))
	})

	// exitErr describes an app that stopped on its own before it was ready.
	exitErr := func(what string) error {
		<-exited
		if strings.Contains(stderr.String(), "address already in use") {
			return fmt.Errorf("%w: port %d (%v)", errAddrInUse, port, waitErr)
		}
		return fmt.Errorf("the example app exited %s: %v\nstdout:\n%s\nstderr:\n%s", what, waitErr, out, stderr)
	}

	deadline := time.NewTimer(exampleStartTimeout)
	defer deadline.Stop()
	var line string
	select {
	case line = <-lines:
	case <-exited:
		return nil, exitErr("before printing its demo-mode line")
	case <-deadline.C:
		return nil, fmt.Errorf("the example app printed no demo-mode line within %v; stdout:\n%s\nstderr:\n%s",
			exampleStartTimeout, out, stderr)
	}

	a, err := parseDemoLine(line, port)
	if err != nil {
		return nil, err
	}
	if err := waitHealthy(port, exited, deadline.C); err != nil {
		select {
		case <-exited:
			return nil, exitErr("before /healthz answered")
		default:
		}
		return nil, fmt.Errorf("%v\nstdout:\n%s\nstderr:\n%s", err, out, stderr)
	}
	return a, nil
}

// parseDemoLine reads the fake Rememberizer's URL and the app's public URL
// from the example's demo-mode line, and checks that the fake runs on
// 127.0.0.1, another site than the app's localhost.
func parseDemoLine(line string, port int) (*app, error) {
	m := demoLine.FindStringSubmatch(line)
	if m == nil {
		return nil, fmt.Errorf("unexpected demo-mode line %q", line)
	}
	fake, err := url.Parse(m[1])
	if err != nil || fake.Scheme != "http" || fake.Port() == "" || fake.Path != "" {
		return nil, fmt.Errorf("demo-mode line %q: fake Rememberizer URL %q is not an http origin with a port", line, m[1])
	}
	if fake.Hostname() != "127.0.0.1" {
		return nil, fmt.Errorf("demo-mode line %q: fake Rememberizer on host %q, want 127.0.0.1", line, fake.Hostname())
	}
	appURL := "http://localhost:" + strconv.Itoa(port)
	if m[2] != appURL {
		return nil, fmt.Errorf("demo-mode line %q: the app says to open %q, want %q", line, m[2], appURL)
	}
	return &app{
		URL:           appURL,
		FakeURL:       fake.Scheme + "://" + fake.Host,
		User:          demoUser,
		loginSameSite: network.CookieSameSiteLax,
	}, nil
}

// waitHealthy polls GET http://127.0.0.1:port/healthz until it answers 200,
// the app exits, or deadline fires.
func waitHealthy(port int, exited <-chan struct{}, deadline <-chan time.Time) error {
	client := &http.Client{
		Transport: &http.Transport{DisableKeepAlives: true}, // no proxy
		Timeout:   2 * time.Second,
	}
	defer client.CloseIdleConnections()
	health := "http://127.0.0.1:" + strconv.Itoa(port) + "/healthz"
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	last := "no answer yet"
	for {
		resp, err := client.Get(health)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		select {
		case <-exited:
			return errors.New("the example app exited")
		case <-deadline:
			return fmt.Errorf("GET %s did not answer 200 within %v: %s", health, exampleStartTimeout, last)
		case <-tick.C:
		}
	}
}

// stopExample stops the example app with SIGTERM, kills it if it is still
// there after exampleStopTimeout, and waits for it. An app that does not
// exit cleanly on SIGTERM fails the test.
func stopExample(t *testing.T, cmd *exec.Cmd, exited <-chan struct{}, waitErr *error) {
	t.Helper()
	select {
	case <-exited:
		return // it stopped on its own, which startExample reported
	default:
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Logf("sending SIGTERM to the example app: %v; killing it", err)
		_ = cmd.Process.Kill()
		<-exited
		return
	}
	timer := time.NewTimer(exampleStopTimeout)
	defer timer.Stop()
	select {
	case <-exited:
		if *waitErr != nil {
			t.Errorf("the example app exited with %v after SIGTERM, want a clean exit", *waitErr)
		}
	case <-timer.C:
		t.Errorf("the example app was still running %v after SIGTERM; killing it", exampleStopTimeout)
		_ = cmd.Process.Kill()
		<-exited
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// The in-process app, for the SameSite=Strict control, which rewrites the
// app's responses.

// localEnv is a fake Rememberizer and two in-process instances of a
// minimal app, one with the library's cookies and one whose pending-login
// cookie is turned Strict.
type localEnv struct {
	fake      *rememberizertest.Server
	app       *localApp // cookies exactly as the library sets them
	strictApp *localApp // pending-login cookie turned SameSite=Strict
}

// localApp is one in-process instance of the app.
type localApp struct {
	app
	// rewrites counts Set-Cookie headers turned Strict (strict app only).
	rewrites atomic.Int64
	// withCookie and withoutCookie count callback requests that carried
	// a pending-login cookie and those that did not.
	withCookie, withoutCookie atomic.Int64
}

func (a *localApp) callbacks() (with, without int64) {
	return a.withCookie.Load(), a.withoutCookie.Load()
}

// newLocalEnv starts the fake Rememberizer on 127.0.0.1 and both apps,
// listening on 127.0.0.1 but addressed as localhost.
func newLocalEnv(t *testing.T) *localEnv {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(testLogWriter{t}, nil))

	appServer, appURL := newLocalhostServer(t)
	strictServer, strictURL := newLocalhostServer(t)

	fake := rememberizertest.NewServer(rememberizertest.Config{
		ConsentPage:  true,
		Addr:         "127.0.0.1:0",
		AppName:      "Browser test app",
		Users:        []rememberizertest.User{localUser},
		RedirectURIs: []string{appURL + callbackPath, strictURL + callbackPath},
	})
	t.Cleanup(fake.Close)

	newApp := func(url string, sameSite network.CookieSameSite) *localApp {
		return &localApp{app: app{URL: url, FakeURL: fake.URL, User: localUser, loginSameSite: sameSite}}
	}
	env := &localEnv{
		fake:      fake,
		app:       newApp(appURL, network.CookieSameSiteLax),
		strictApp: newApp(strictURL, network.CookieSameSiteStrict),
	}
	startLocalApp(t, appServer, env.app, fake, logger, false)
	startLocalApp(t, strictServer, env.strictApp, fake, logger, true)
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

// startLocalApp builds the app for a on core and nethttp and starts ts
// with it.
func startLocalApp(t *testing.T, ts *httptest.Server, a *localApp, fake *rememberizertest.Server, logger *slog.Logger, strict bool) {
	t.Helper()
	key := make([]byte, 32)
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
	h := localHandler(c)
	if strict {
		h = strictLoginCookie(h, &a.rewrites)
	}
	ts.Config.Handler = countCallbacks(h, a)
	ts.Config.ReadHeaderTimeout = 10 * time.Second
	ts.Start()
}

// localHandler routes the sign-in routes and a protected dashboard with
// the example's #user-name and #user-email.
func localHandler(c *core.Client) http.Handler {
	mux := http.NewServeMux()
	nethttp.Mount(mux, c) // GET login, GET callback, POST logout
	mux.Handle("GET /dashboard", nethttp.RequireRememberizer(c)(http.HandlerFunc(dashboard)))
	return mux
}

var dashboardPage = template.Must(template.New("dashboard").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dashboard</title></head><body>
<h1>Your dashboard</h1>
<dl><dt>Name</dt><dd id="user-name">{{.Name}}</dd><dt>Email</dt><dd id="user-email">{{.Email}}</dd></dl>
</body></html>`))

// dashboard shows the signed-in user.
func dashboard(w http.ResponseWriter, r *http.Request) {
	u, _ := core.UserFrom(r.Context())
	var buf bytes.Buffer
	if err := dashboardPage.Execute(&buf, u); err != nil {
		http.Error(w, "rendering failed", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	_, _ = buf.WriteTo(w)
}

// countCallbacks counts the callback requests that carry a pending-login
// cookie and those that do not.
func countCallbacks(next http.Handler, a *localApp) http.Handler {
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

// The browser.

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
// browser lands on the fake's consent page on 127.0.0.1, holding the app's
// pending-login cookie with the SameSite the app sent.
func openConsent(t *testing.T, ctx context.Context, a *app) {
	t.Helper()
	do(t, ctx, "opening the dashboard", chromedp.Navigate(a.URL+"/dashboard"))
	fake, err := url.Parse(a.FakeURL)
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

	login := findCookie(cookies(t, ctx, a.URL), "_login")
	switch {
	case login == nil:
		t.Fatal("no pending-login cookie for the app in the browser")
	case login.SameSite != a.loginSameSite:
		t.Fatalf("pending-login cookie %s has SameSite=%q, want %q", login.Name, login.SameSite, a.loginSameSite)
	case !login.HTTPOnly || login.Path != "/":
		t.Fatalf("pending-login cookie %s: HttpOnly=%v Path=%q, want HttpOnly and /", login.Name, login.HTTPOnly, login.Path)
	}
}

// signIn goes from a signed-out tab to the signed-in dashboard of a.
func signIn(t *testing.T, ctx context.Context, a *app) {
	t.Helper()
	openConsent(t, ctx, a)
	resp := click(t, ctx, "approve")
	if resp.Status != http.StatusOK || !isPage(resp.URL, a.URL, "/dashboard") {
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
		t.Fatalf("after approve: HTTP %d at %s (%q), want 200 at %s/dashboard", resp.Status, resp.URL, body, a.URL)
	}
	waitForPage(t, ctx, a.URL, "/dashboard")
	do(t, ctx, "waiting for #user-name", chromedp.WaitVisible(chromedp.ID("user-name")))
	if got := run(t, ctx, "reading #user-name", chromedp.Text(chromedp.ID("user-name"))); got != a.User.Name {
		t.Fatalf("#user-name = %q, want %q", got, a.User.Name)
	}
	if got := run(t, ctx, "reading #user-email", chromedp.Text(chromedp.ID("user-email"))); got != a.User.Email {
		t.Fatalf("#user-email = %q, want %q", got, a.User.Email)
	}
	session := findCookie(cookies(t, ctx, a.URL), "_session")
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

// Artifacts and output.

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

// saveScreenshot saves a screenshot of the tab's whole page as name in
// the test's directory, checks it is a PNG, and keeps it as an artifact.
func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot := run(t, ctx, "taking a screenshot", chromedp.FullScreenshot(100))
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, path)
	t.Logf("screenshot: %s", path)
	keepArtifact(t, path)
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

// testLogWriter sends the in-process apps' log lines to the test log.
type testLogWriter struct{ t *testing.T }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// lockedBuffer collects the output of Chromium or the example app, which
// is written from another goroutine. (This module does not import the
// library's internal packages, so it keeps its own.)
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

// TestBrowserNewFrameworks signs in, in a real browser, on the demo app
// built on Fiber v3 and on Echo v5 (examples/fiber3, examples/echo): the
// dashboard greets the user, with the session cookie SameSite=Lax and
// HttpOnly, and lists the mementos fetched through the API client. The
// 404 page, signing out and a denied sign-in are checked as for the
// nethttp app, with screenshots named after the app.
func TestBrowserNewFrameworks(t *testing.T) {
	execPath := chromiumPath(t)
	browser := startBrowser(t, execPath)
	for _, name := range []string{"fiber3", "echo"} {
		t.Run(name, func(t *testing.T) {
			example := startExample(t, name)
			ctx := newTab(t, browser)
			signIn(t, ctx, example)
			do(t, ctx, "waiting for #mementos", chromedp.WaitVisible(chromedp.ID("mementos")))
			got := run(t, ctx, "reading #mementos",
				chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#mementos li"), li => li.textContent.trim())`))
			if !slices.Equal(got, demoMementos) {
				t.Fatalf("#mementos lists %q, want %q", got, demoMementos)
			}
			t.Run("NotFound", func(t *testing.T) {
				checkNotFound(t, newTab(t, browser), example, name+"-demo-not-found.png")
			})
			t.Run("SignOut", func(t *testing.T) {
				checkSignOut(t, newTab(t, browser), example, name+"-demo-signed-out-notice.png")
			})
			t.Run("Deny", func(t *testing.T) {
				checkDeny(t, newTab(t, browser), example, name+"-demo-error-page-denied.png")
			})
		})
	}
}
