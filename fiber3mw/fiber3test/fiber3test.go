// Package fiber3test runs a Fiber v3 app in a test against a fake
// Rememberizer, as package rememberizertest/apptest does for net/http and
// Gin:
//
//	func TestDashboard(t *testing.T) {
//		app := fiber3test.Start(t, newApp) // newApp(cfg core.Config) (*fiber.App, error)
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
// The app serves on a real loopback listener, so the browser follows
// redirects and keeps cookies as with any server (fiber.App.Test does not
// follow the sign-in's redirects). It is served quietly, without Fiber's
// startup message; [Start] under go test -v prints it. The app's OnListen
// hooks run either way.
package fiber3test

import (
	"errors"
	"net"
	"testing"

	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizertest"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// New calls build with a core.Config pointed at a new fake Rememberizer
// (configured by fake, optional) and serves the Fiber app it returns on
// 127.0.0.1 until [apptest.App.Close]. See [apptest.New].
func New(build func(cfg core.Config) (*fiber.App, error), fake ...rememberizertest.Config) (*apptest.App, error) {
	return apptest.NewListener(listen(build, true), fake...)
}

// Start is [New] for a test: it fails the test on error and stops the app
// and the fake when the test ends.
func Start(t testing.TB, build func(cfg core.Config) (*fiber.App, error), fake ...rememberizertest.Config) *apptest.App {
	t.Helper()
	return apptest.Serve(t, listen(build, !testing.Verbose()), fake...)
}

// listen serves the app build returns on the listener it is given;
// quiet, without Fiber's startup message.
func listen(build func(cfg core.Config) (*fiber.App, error), quiet bool) func(core.Config, net.Listener) (func() error, error) {
	return func(cfg core.Config, ln net.Listener) (func() error, error) {
		app, err := build(cfg)
		if err != nil {
			return nil, err
		}
		served := make(chan error, 1)
		go func() { served <- app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: quiet}) }()
		return func() error {
			err := app.Shutdown()
			ln.Close() // ends Listener should it not have started serving yet
			if serr := <-served; serr != nil && !errors.Is(serr, net.ErrClosed) && err == nil {
				err = serr
			}
			return err
		}, nil
	}
}
