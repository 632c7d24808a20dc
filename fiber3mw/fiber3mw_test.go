package fiber3mw_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/fiber3mw"
	"github.com/rzauth/rememberizer-go/fiber3mw/fiber3test"
	"github.com/rzauth/rememberizer-go/internal/docusage"
)

// customCtx is an app's own context type, as fiber.NewWithCustomCtx takes.
type customCtx struct {
	*fiber.DefaultCtx
}

// Greeting is a method of the app's context that reads the user through
// the context itself.
func (c *customCtx) Greeting() string {
	u, ok := core.UserFrom(c)
	if !ok {
		return "nobody"
	}
	return "Hello, " + u.Name
}

// TestUserInCtx signs in on an app whose handlers read the user from the
// fiber.Ctx itself, from c.Context() and through a custom context type:
// each finds the same user.
func TestUserInCtx(t *testing.T) {
	for _, tt := range []struct {
		name string
		new  func(cfg fiber.Config) *fiber.App
	}{
		{"DefaultCtx", func(cfg fiber.Config) *fiber.App { return fiber.New(cfg) }},
		{"CustomCtx", func(cfg fiber.Config) *fiber.App {
			return fiber.NewWithCustomCtx(func(app *fiber.App) fiber.CustomCtx {
				return &customCtx{DefaultCtx: fiber.NewDefaultCtx(app)}
			}, cfg)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			app := fiber3test.Start(t, func(cfg core.Config) (*fiber.App, error) {
				client, err := core.New(cfg)
				if err != nil {
					return nil, err
				}
				app := tt.new(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
				fiber3mw.Mount(app, client)
				app.Get("/who", fiber3mw.RequireRememberizer(client), func(c fiber.Ctx) error {
					fromCtx, ok1 := core.UserFrom(c)
					fromContext, ok2 := core.UserFrom(c.Context())
					greeting := "-"
					if cc, ok := c.(*customCtx); ok {
						greeting = cc.Greeting()
					}
					if _, err := client.API(c); err != nil {
						return err
					}
					return c.SendString(strings.Join([]string{fromCtx.Name, fromContext.Name, greeting}, "|") + map[bool]string{true: "", false: " (missing)"}[ok1 && ok2])
				})
				return app, nil
			})
			status, body, err := app.Get(app.SignIn(t, "42"), "/who")
			if err != nil {
				t.Fatal(err)
			}
			want := "Ada Lovelace|Ada Lovelace|-"
			if tt.name == "CustomCtx" {
				want = "Ada Lovelace|Ada Lovelace|Hello, Ada Lovelace"
			}
			if status != http.StatusOK || body != want {
				t.Errorf("got %d %q, want 200 %q", status, body, want)
			}
		})
	}
}

// TestRedirectStatuses checks that the library's redirects keep core's
// statuses on Fiber v3: 302 from login to Rememberizer and from a
// protected page to login, 303 from the callback and from logout (as
// Fiber v3's own c.Redirect() defaults to).
func TestRedirectStatuses(t *testing.T) {
	app := fiber3test.Start(t, func(cfg core.Config) (*fiber.App, error) {
		client, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
		fiber3mw.Mount(app, client)
		app.Get("/private", fiber3mw.RequireRememberizer(client), func(c fiber.Ctx) error { return c.SendString("private") })
		return app, nil
	})
	var statuses []int
	browser := app.SignIn(t, "42")
	browser.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		statuses = append(statuses, req.Response.StatusCode)
		return nil
	}
	// A signed-out navigation: 302 to login, 302 to Rememberizer, 302 back
	// to the callback (the fake's), 303 to the page.
	signedOut := &http.Client{Jar: newJar(t), CheckRedirect: browser.CheckRedirect}
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/private", nil)
	req.Header.Set("Accept", "text/html")
	resp, err := signedOut.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := statuses; len(got) < 3 || got[0] != http.StatusFound || got[1] != http.StatusFound || got[len(got)-1] != http.StatusSeeOther {
		t.Errorf("sign-in redirects: got %v, want 302, 302, …, 303", got)
	}
	statuses = nil
	resp, err = browser.Post(app.URL+"/auth/rememberizer/logout", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(statuses) != 1 || statuses[0] != http.StatusSeeOther {
		t.Errorf("logout redirect: got %v, want [303]", statuses)
	}
}

// TestNext checks that Config.Next skips each handler: the request goes
// on to the app's next handler untouched.
func TestNext(t *testing.T) {
	t.Parallel()
	c := adaptertest.OfflineClient(t, nil)
	skip := fiber3mw.Config{Next: func(c fiber.Ctx) bool { return c.Get("X-Skip") == "1" }}
	app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
	fiber3mw.Mount(app, c, skip)
	app.Get("/auth/rememberizer/login", func(c fiber.Ctx) error { return c.SendString("skipped") })
	app.Get("/required", fiber3mw.RequireRememberizer(c, skip), func(c fiber.Ctx) error { return c.SendString("handler") })
	app.Get("/optional", fiber3mw.OptionalRememberizer(c, skip), func(c fiber.Ctx) error { return c.SendString("handler") })
	for _, tt := range []struct {
		path, skip string
		want       int
		wantBody   string
		wantVary   bool
	}{
		{"/auth/rememberizer/login", "", 302, "", false},
		{"/auth/rememberizer/login", "1", 200, "skipped", false},
		{"/required", "", 302, "", false},
		{"/required", "1", 200, "handler", false},
		{"/optional", "", 200, "handler", true},
		{"/optional", "1", 200, "handler", false},
	} {
		req := httptest.NewRequest("GET", tt.path, nil)
		req.Header.Set("Accept", "text/html")
		req.Header.Set("X-Skip", tt.skip)
		resp, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tt.want || string(body) != tt.wantBody || (resp.Header.Get("Vary") == "Cookie") != tt.wantVary {
			t.Errorf("%s, X-Skip %q: got %d %q, Vary %q; want %d %q, Vary set %v", tt.path, tt.skip, resp.StatusCode, body, resp.Header.Get("Vary"), tt.want, tt.wantBody, tt.wantVary)
		}
	}
}

// TestReadBufferWarning checks that Mount warns about an app whose read
// buffer is too small for the sign-in cookies, and only then.
func TestReadBufferWarning(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		size int
		warn bool
	}{
		{0, true},
		{8 << 10, true},
		{fiber3mw.ReadBufferSize, false},
	} {
		var logs bytes.Buffer
		cfg := docusage.Config(t)
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
		c, err := core.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		fiber3mw.Mount(fiber.New(fiber.Config{ReadBufferSize: tt.size}), c)
		if got := strings.Contains(logs.String(), "ReadBufferSize is too small"); got != tt.warn {
			t.Errorf("ReadBufferSize %d: warned %v, want %v (log %q)", tt.size, got, tt.warn, logs.String())
		}
	}
}

// TestContextOutlivesRequest keeps the context a protected handler got, and
// reads it after the response went out and the connection served another
// request: core's accessors still read the user (core's copy).
func TestContextOutlivesRequest(t *testing.T) {
	kept := make(chan context.Context, 1)
	app := fiber3test.Start(t, func(cfg core.Config) (*fiber.App, error) {
		client, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
		fiber3mw.Mount(app, client)
		app.Get("/keep", fiber3mw.RequireRememberizer(client), func(c fiber.Ctx) error {
			kept <- c.Context()
			return c.SendString("kept")
		})
		app.Get("/other", func(c fiber.Ctx) error { return c.SendString("other") })
		return app, nil
	})
	browser := app.SignIn(t, "42")
	if status, _, err := app.Get(browser, "/keep"); err != nil || status != http.StatusOK {
		t.Fatalf("GET /keep: %d, %v", status, err)
	}
	if status, _, err := app.Get(browser, "/other"); err != nil || status != http.StatusOK {
		t.Fatalf("GET /other: %d, %v", status, err)
	}
	ctx := <-kept
	if u, ok := core.UserFrom(ctx); !ok || u.ID != "42" {
		t.Errorf("kept context: got user %+v, %v; want 42", u, ok)
	}
}
