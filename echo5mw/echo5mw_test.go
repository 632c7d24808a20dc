package echo5mw_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v5"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/echo5mw"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// newEcho is the app under test: a group without a prefix that sets a
// header carries the auth routes, and a group under /app requires a
// signed-in browser.
func newEcho(cfg core.Config) (*echo.Echo, error) {
	client, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	e := echo.New()
	auth := e.Group("", func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			c.Response().Header().Set("X-Group", "auth")
			return next(c)
		}
	})
	echo5mw.Mount(auth, client)
	app := e.Group("/app", echo5mw.RequireRememberizer(client))
	app.GET("/dashboard", func(c *echo.Context) error {
		user, _ := core.UserFrom(c.Request().Context())
		return c.String(http.StatusOK, "Hello, "+user.Name)
	})
	e.GET("/dashboard", func(c *echo.Context) error {
		user, _ := core.UserFrom(c.Request().Context())
		return c.String(http.StatusOK, "Hello, "+user.Name)
	}, echo5mw.RequireRememberizer(client))
	return e, nil
}

// TestGroupMount signs in through routes mounted on a group and reads a
// page of a group the middleware protects.
func TestGroupMount(t *testing.T) {
	t.Parallel()
	app := apptest.Start(t, func(cfg core.Config) (http.Handler, error) { return newEcho(cfg) })
	browser := app.SignIn(t, "42")
	status, body, err := app.Get(browser, "/app/dashboard")
	if err != nil || status != http.StatusOK || body != "Hello, Ada Lovelace" {
		t.Errorf("GET /app/dashboard signed in: got %d %q %v, want 200 Hello, Ada Lovelace", status, body, err)
	}
	if status, _, _ := app.Get(http.DefaultClient, "/app/dashboard"); status != http.StatusUnauthorized {
		t.Errorf("GET /app/dashboard signed out: got %d, want 401", status)
	}
	resp, err := http.Get(app.URL + "/auth/rememberizer/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("X-Group") != "auth" {
		t.Errorf("login route: the group's middleware did not run (X-Group %q)", resp.Header.Get("X-Group"))
	}
}

// TestPackageDocTest is the package documentation's test with apptest.
func TestPackageDocTest(t *testing.T) {
	app := apptest.Start(t, func(cfg core.Config) (http.Handler, error) { return newEcho(cfg) })
	status, body, err := app.Get(app.SignIn(t, "42"), "/dashboard")
	if err != nil || status != http.StatusOK || body != "Hello, Ada Lovelace" {
		t.Errorf("got %d %q %v, want 200 Hello, Ada Lovelace", status, body, err)
	}
}

// TestHTTPErrorHandler checks where each refusal goes: core's own reply is
// written as it is and never reaches Echo's HTTPErrorHandler; an error a
// hook returns does.
func TestHTTPErrorHandler(t *testing.T) {
	t.Parallel()
	c := adaptertest.OfflineClient(t, nil)
	for _, tt := range []struct {
		name       string
		cfg        []echo5mw.Config
		wantStatus int
		wantErrs   int
	}{
		{"core's reply", nil, http.StatusUnauthorized, 0},
		{"hook's error", []echo5mw.Config{{UnauthorizedHandler: func(_ *echo.Context, err error) error {
			return echo.NewHTTPError(http.StatusTeapot, "sign in first").Wrap(err)
		}}}, http.StatusTeapot, 1},
	} {
		var got []error
		e := echo.New()
		e.HTTPErrorHandler = func(c *echo.Context, err error) {
			got = append(got, err)
			echo.DefaultHTTPErrorHandler(false)(c, err)
		}
		e.GET("/private", func(c *echo.Context) error { return c.String(http.StatusOK, "private") }, echo5mw.RequireRememberizer(c, tt.cfg...))
		req := httptest.NewRequest(http.MethodGet, "/private", nil)
		req.Header.Set("Accept", "application/json")
		w := httptest.NewRecorder()
		e.ServeHTTP(w, req)
		if w.Code != tt.wantStatus || len(got) != tt.wantErrs {
			t.Errorf("%s: got %d with %d errors handled, want %d with %d", tt.name, w.Code, len(got), tt.wantStatus, tt.wantErrs)
		}
		if len(got) == 1 && !errors.Is(got[0], core.ErrNotSignedIn) {
			t.Errorf("%s: HTTPErrorHandler got %v, want it to wrap core.ErrNotSignedIn", tt.name, got[0])
		}
	}
}

// TestSkipper checks that Config.Skipper passes the request on untouched.
func TestSkipper(t *testing.T) {
	t.Parallel()
	c := adaptertest.OfflineClient(t, nil)
	skip := echo5mw.Config{Skipper: func(c *echo.Context) bool { return c.Request().Header.Get("X-Skip") == "1" }}
	e := echo.New()
	echo5mw.Mount(e, c)
	ok := func(c *echo.Context) error { return c.String(http.StatusOK, "handler") }
	e.GET("/required", ok, echo5mw.RequireRememberizer(c, skip))
	e.GET("/optional", ok, echo5mw.OptionalRememberizer(c, skip))
	for _, tt := range []struct {
		path, skip string
		want       int
		wantVary   bool
	}{
		{"/required", "", 302, false},
		{"/required", "1", 200, false},
		{"/optional", "", 200, true},
		{"/optional", "1", 200, false},
	} {
		req := httptest.NewRequest(http.MethodGet, tt.path, nil)
		req.Header.Set("Accept", "text/html")
		req.Header.Set("X-Skip", tt.skip)
		w := httptest.NewRecorder()
		e.ServeHTTP(w, req)
		if w.Code != tt.want || (w.Header().Get("Vary") == "Cookie") != tt.wantVary {
			t.Errorf("%s, X-Skip %q: got %d, Vary %q; want %d, Vary set %v", tt.path, tt.skip, w.Code, w.Header().Get("Vary"), tt.want, tt.wantVary)
		}
	}
}

// TestMountMethods checks the routes Mount registers: each auth route
// answers its own method and core's 405 for the others.
func TestMountMethods(t *testing.T) {
	t.Parallel()
	c := adaptertest.OfflineClient(t, nil)
	e := echo.New()
	echo5mw.Mount(e, c)
	for _, tt := range []struct {
		method, path string
		want         int
		wantAllow    string
	}{
		{"GET", "/auth/rememberizer/login", 302, ""},
		{"POST", "/auth/rememberizer/login", 405, "GET"},
		{"POST", "/auth/rememberizer/callback", 405, "GET"},
		{"GET", "/auth/rememberizer/logout", 405, "POST"},
		{"POST", "/auth/rememberizer/logout", 303, ""},
	} {
		req := httptest.NewRequest(tt.method, tt.path, nil)
		req.Header.Set("Accept", "text/html")
		w := httptest.NewRecorder()
		e.ServeHTTP(w, req)
		if w.Code != tt.want || w.Header().Get("Allow") != tt.wantAllow {
			t.Errorf("%s %s: got %d Allow %q, want %d Allow %q", tt.method, tt.path, w.Code, w.Header().Get("Allow"), tt.want, tt.wantAllow)
		}
	}
}
