package fibermw

import (
	"io"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core/adaptertest"
)

func TestMountNext(t *testing.T) {
	t.Parallel()
	c := adaptertest.OfflineClient(t, nil)
	app := fiber.New(fiber.Config{ReadBufferSize: ReadBufferSize})
	Mount(app, c, Config{Next: func(ctx *fiber.Ctx) bool { return ctx.Get("X-Skip") == "1" }})
	app.Get("/auth/rememberizer/login", func(ctx *fiber.Ctx) error { return ctx.SendString("skipped") })
	for _, tt := range []struct {
		skip     string
		want     int
		wantBody string
	}{
		{"", 302, ""},
		{"1", 200, "skipped"},
	} {
		req := httptest.NewRequest("GET", "/auth/rememberizer/login", nil)
		req.Header.Set("X-Skip", tt.skip)
		resp, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != tt.want || string(body) != tt.wantBody {
			t.Errorf("X-Skip %q: got %d %q, want %d %q", tt.skip, resp.StatusCode, body, tt.want, tt.wantBody)
		}
	}
}

func TestZeroConfig(t *testing.T) {
	t.Parallel()
	if got := configFrom(nil); got.Next != nil || got.ErrorHandler != nil || got.UnauthorizedHandler != nil {
		t.Errorf("got %+v, want no hooks", got)
	}
	next := func(*fiber.Ctx) bool { return true }
	if got := configFrom([]Config{{Next: next}}); got.Next == nil {
		t.Error("got no Next, want the one given")
	}
}

func TestMiddlewareNext(t *testing.T) {
	t.Parallel()
	c := adaptertest.OfflineClient(t, nil)
	skip := Config{Next: func(ctx *fiber.Ctx) bool { return ctx.Get("X-Skip") == "1" }}
	app := fiber.New(fiber.Config{ReadBufferSize: ReadBufferSize})
	Mount(app, c)
	app.Get("/required", RequireRememberizer(c, skip), func(ctx *fiber.Ctx) error { return ctx.SendString("handler") })
	app.Get("/optional", OptionalRememberizer(c, skip), func(ctx *fiber.Ctx) error { return ctx.SendString("handler") })
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
		req := httptest.NewRequest("GET", tt.path, nil)
		req.Header.Set("Accept", "text/html")
		req.Header.Set("X-Skip", tt.skip)
		resp, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tt.want || (resp.Header.Get("Vary") == "Cookie") != tt.wantVary {
			t.Errorf("%s, X-Skip %q: got %d, Vary %q; want %d, Vary set %v", tt.path, tt.skip, resp.StatusCode, resp.Header.Get("Vary"), tt.want, tt.wantVary)
		}
	}
}
