// Package apptest runs your app in a test against a fake Rememberizer and
// signs browsers in to it, so a test of a signed-in page takes a few
// lines:
//
//	func TestDashboard(t *testing.T) {
//		app := apptest.Start(t, newApp) // newApp(cfg core.Config) (http.Handler, error)
//		browser := app.SignIn(t, "42")
//		resp, err := browser.Get(app.URL + "/dashboard")
//		if err != nil {
//			t.Fatal(err)
//		}
//		defer resp.Body.Close()
//		body, _ := io.ReadAll(resp.Body)
//		if resp.StatusCode != http.StatusOK || string(body) != "Hello, Ada Lovelace" {
//			t.Errorf("got %d %q, want 200 Hello, Ada Lovelace", resp.StatusCode, body)
//		}
//	}
//
// [Start] builds the core.Config the app needs (the fake's client id,
// secret and URL, the app's own loopback redirect URL, a random session
// key), hands it to your app's constructor, and serves the handler it returns
// on 127.0.0.1 until the test ends. The constructor may return any
// http.Handler type: *http.ServeMux, *gin.Engine, chi's router. What the
// client logs goes to the test's log (t.Log), shown with go test -v or
// when the test fails. [App.SignIn] walks the real sign-in
// (the app's login route, the fake's approval, the app's callback) and
// returns an *http.Client whose cookie jar holds the session. For apps
// that serve from a listener (Fiber, for one) [Serve] does the same;
// package fibermw/fibertest wraps it for Fiber. [New], [NewListener] and
// [App.Browser] are the same without a testing.TB, returning errors.
package apptest

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// App is an app under test, served on a loopback port and signing in
// against its own fake Rememberizer.
type App struct {
	// URL is the app's origin, e.g. http://127.0.0.1:34567.
	URL string

	// Config is the configuration the app's constructor was given.
	Config core.Config

	// Fake is the fake Rememberizer, for its users, counters and faults.
	Fake *rememberizertest.Server

	stop      func() error
	closeOnce sync.Once
	closeErr  error
}

// New starts a fake Rememberizer configured by fake (optional; by
// default one user, id "42", Ada Lovelace), builds a core.Config pointed
// at it with the app's loopback redirect URL and a random session key,
// calls build with it and serves the handler build returns: any
// http.Handler type, so that a constructor returning *http.ServeMux or
// *gin.Engine fits as it is. build may change the config (a store, a
// logger) before using it, but not its RoutePrefix; an error from it is
// returned. Call [App.Close] when done.
func New[H http.Handler](build func(cfg core.Config) (H, error), fake ...rememberizertest.Config) (*App, error) {
	return newHandlerApp(build, nil, fake)
}

func newHandlerApp[H http.Handler](build func(cfg core.Config) (H, error), log *slog.Logger, fake []rememberizertest.Config) (*App, error) {
	ts := httptest.NewUnstartedServer(nil)
	app, err := newApp(ts.Listener, log, fake)
	if err != nil {
		ts.Close()
		return nil, err
	}
	h, err := build(app.Config)
	if err != nil {
		ts.Close()
		app.Fake.Close()
		return nil, fmt.Errorf("apptest: building the app: %w", err)
	}
	ts.Config.Handler = h
	ts.Start()
	app.stop = func() error { ts.Close(); return nil }
	return app, nil
}

// NewListener is [New] for apps that do not serve an http.Handler: build
// gets the config and a listener on 127.0.0.1, starts serving on it (in a
// goroutine: NewListener does not wait) and returns a function that stops
// the server, which [App.Close] calls. If build returns an error, it must
// not have started serving.
func NewListener(build func(cfg core.Config, ln net.Listener) (stop func() error, err error), fake ...rememberizertest.Config) (*App, error) {
	return newListenerApp(build, nil, fake)
}

func newListenerApp(build func(cfg core.Config, ln net.Listener) (stop func() error, err error), log *slog.Logger, fake []rememberizertest.Config) (*App, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("apptest: listening for the app: %w", err)
	}
	app, err := newApp(ln, log, fake)
	if err != nil {
		ln.Close()
		return nil, err
	}
	stop, err := build(app.Config, ln)
	if err != nil {
		ln.Close()
		app.Fake.Close()
		return nil, fmt.Errorf("apptest: building the app: %w", err)
	}
	app.stop = stop
	return app, nil
}

// Start is [New] for a test: it fails the test on error and closes the
// app and the fake when the test ends. The config's Logger writes to the
// test's log, so the client's warnings (such as the one about http
// redirect URLs) show only with go test -v or when the test fails.
func Start[H http.Handler](t testing.TB, build func(cfg core.Config) (H, error), fake ...rememberizertest.Config) *App {
	t.Helper()
	app, err := newHandlerApp(build, testLogger(t), fake)
	return cleanup(t, app, err)
}

// Serve is [NewListener] for a test, like [Start].
func Serve(t testing.TB, build func(cfg core.Config, ln net.Listener) (stop func() error, err error), fake ...rememberizertest.Config) *App {
	t.Helper()
	app, err := newListenerApp(build, testLogger(t), fake)
	return cleanup(t, app, err)
}

func cleanup(t testing.TB, app *App, err error) *App {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := app.Close(); err != nil {
			t.Errorf("apptest: stopping the app: %v", err)
		}
	})
	return app
}

// newApp starts the fake and builds the app's config for a server on ln.
func newApp(ln net.Listener, log *slog.Logger, fake []rememberizertest.Config) (*App, error) {
	var fc rememberizertest.Config
	if len(fake) > 0 {
		fc = fake[0]
	}
	key, err := core.NewSessionKey()
	if err != nil {
		return nil, fmt.Errorf("apptest: %w", err)
	}
	srv := rememberizertest.NewServer(fc)
	url := "http://" + ln.Addr().String()
	return &App{
		URL:  url,
		Fake: srv,
		Config: core.Config{
			ClientID:     srv.ClientID(),
			ClientSecret: srv.ClientSecret(),
			BaseURL:      srv.URL,
			RedirectURL:  url + defaultRoutePrefix + "/callback",
			SessionKeys:  [][]byte{key},
			Logger:       log,
		},
	}, nil
}

// Close stops the app, then the fake. It is safe to call more than once.
func (a *App) Close() error {
	a.closeOnce.Do(func() {
		a.closeErr = a.stop()
		a.Fake.Close()
	})
	return a.closeErr
}

// Browser signs a new browser in to the app as the fake's user userID and
// returns it: an *http.Client that follows redirects, with a cookie jar
// holding the session. The error says which step of the sign-in failed.
func (a *App) Browser(userID string) (*http.Client, error) {
	return a.Fake.SignIn(a.URL+defaultRoutePrefix+"/login", userID)
}

// SignIn is [App.Browser] for a test: it fails the test if the sign-in
// does not complete.
func (a *App) SignIn(t testing.TB, userID string) *http.Client {
	t.Helper()
	c, err := a.Browser(userID)
	if err != nil {
		t.Fatalf("apptest: %v", err)
	}
	return c
}

// defaultRoutePrefix is where core.Config mounts the auth routes when its
// RoutePrefix is not set.
const defaultRoutePrefix = "/auth/rememberizer"
