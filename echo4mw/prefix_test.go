package echo4mw_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/echo4mw"
)

// prefixedClient is a client whose routes lie below /app/auth.
func prefixedClient(t *testing.T, prefix string) *core.Client {
	t.Helper()
	key, err := core.NewSessionKey()
	if err != nil {
		t.Fatal(err)
	}
	c, err := core.New(core.Config{
		ClientID: "id", ClientSecret: "secret",
		RedirectURL: "https://app.example.com" + prefix + "/callback",
		RoutePrefix: prefix,
		SessionKeys: [][]byte{key},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMountOnAPrefixedGroup mounts on e.Group("/app"): the routes are
// served at the client's paths, and the group's middleware runs on them.
func TestMountOnAPrefixedGroup(t *testing.T) {
	t.Parallel()
	c := prefixedClient(t, "/app/auth")
	e := echo.New()
	g := e.Group("/app", func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(ctx echo.Context) error {
			ctx.Response().Header().Set("X-Group", "app")
			return next(ctx)
		}
	})
	echo4mw.Mount(g, c)
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/app/auth/login", http.StatusFound},
		{"/app/app/auth/login", http.StatusNotFound}, // where the group put the first route
		{"/auth/rememberizer/login", http.StatusNotFound},
	} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", "https://app.example.com"+tt.path, nil))
		if rec.Code != tt.status {
			t.Errorf("GET %s: got %d, want %d", tt.path, rec.Code, tt.status)
		}
		if tt.status == http.StatusFound {
			if loc := rec.Header().Get("Location"); !strings.Contains(loc, "/auth/oauth2/authorize/") {
				t.Errorf("GET %s: redirected to %q, want Rememberizer's authorize URL", tt.path, loc)
			}
			if rec.Header().Get("X-Group") != "app" {
				t.Errorf("GET %s: the group's middleware did not run", tt.path)
			}
		}
	}
}

// TestMountOutsideTheGroup: a client whose paths are not below the
// group's prefix cannot be served by it, and Mount says how to fix it.
func TestMountOutsideTheGroup(t *testing.T) {
	t.Parallel()
	c := prefixedClient(t, "/auth/rememberizer")
	e := echo.New()
	defer func() {
		msg, _ := recover().(string)
		if !strings.Contains(msg, "not a prefix of the auth route") || !strings.Contains(msg, "RoutePrefix") {
			t.Errorf("got panic %q, want one naming the prefix and RoutePrefix", msg)
		}
	}()
	echo4mw.Mount(e.Group("/app"), c)
}
