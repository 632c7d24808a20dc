package conformance_test

import (
	"net"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/fibermw"
)

// serveFiber is the Fiber driver of the behaviour suite.
func serveFiber(t *testing.T, c *core.Client, ln net.Listener, suite *adaptertest.App) {
	app := fiber.New(fiber.Config{DisableStartupMessage: true, ReadBufferSize: fibermw.ReadBufferSize})
	cfg := hookConfigFiber(suite.Hooks)
	protect := fibermw.RequireRememberizer(c, cfg...)
	if suite.Wiring == adaptertest.Global {
		app.Use(protect)
		protect = func(ctx *fiber.Ctx) error { return ctx.Next() }
	}
	if suite.Wiring != adaptertest.Unmounted {
		fibermw.Mount(app, c, cfg...)
	}
	app.Get("/public", func(ctx *fiber.Ctx) error { return ctx.SendString("public") })
	private := func(ctx *fiber.Ctx) error {
		u, _ := core.UserFrom(ctx.UserContext())
		return ctx.SendString("user=" + u.ID + " email=" + u.Email)
	}
	app.Get("/private", protect, private)
	app.Post("/private", protect, private)
	app.Get("/api/me", protect, func(ctx *fiber.Ctx) error {
		u, _ := core.UserFrom(ctx.UserContext())
		return ctx.JSON(map[string]string{"id": u.ID, "email": u.Email, "name": u.Name})
	})
	app.Get("/mementos", protect, func(ctx *fiber.Ctx) error {
		status, body := adaptertest.Mementos(ctx.UserContext(), c)
		return ctx.Status(status).SendString(body)
	})
	app.Get("/detach", protect, func(ctx *fiber.Ctx) error {
		suite.StartDetached(ctx.UserContext(), c)
		return ctx.SendString("started")
	})
	app.Get("/cached", protect, func(ctx *fiber.Ctx) error {
		ctx.Set("Cache-Control", "public, max-age=300")
		return ctx.SendString("cached")
	})
	app.Get("/cached-after-status", protect, func(ctx *fiber.Ctx) error {
		ctx.Status(fiber.StatusOK)
		ctx.Set("Cache-Control", "public, max-age=300")
		return ctx.SendString("cached")
	})
	app.Get("/optional", fibermw.OptionalRememberizer(c), func(ctx *fiber.Ctx) error {
		u, _ := core.UserFrom(ctx.UserContext())
		ctx.Set("Cache-Control", "public, max-age=300")
		return ctx.SendString("optional:" + u.ID)
	})
	app.Get("/unwrapped", func(ctx *fiber.Ctx) error {
		status, body := adaptertest.Mementos(ctx.UserContext(), c)
		return ctx.Status(status).SendString(body)
	})
	app.Get("/visitor", func(ctx *fiber.Ctx) error {
		suite.ReleaseDetached()
		return ctx.SendString("visitor")
	})
	go app.Listener(ln)
	t.Cleanup(func() { app.Shutdown() })
}

// hookConfigFiber is the Config of an app with the suite's recording hooks.
// They return fiber.ErrTeapot, which the app's error handler answers:
// a hook's error goes where the app's other errors go.
func hookConfigFiber(hooks *adaptertest.Hooks) []fibermw.Config {
	if hooks == nil {
		return nil
	}
	cfg := fibermw.Config{ErrorHandler: func(_ *fiber.Ctx, err error) error {
		hooks.Error(err)
		return fiber.NewError(adaptertest.HookStatus)
	}}
	if hooks.WithUnauthorized {
		cfg.UnauthorizedHandler = func(_ *fiber.Ctx, err error) error {
			hooks.Unauthorized(err)
			return fiber.NewError(adaptertest.HookStatus)
		}
	}
	return []fibermw.Config{cfg}
}

// TestFiber runs every scenario under every store configuration on Fiber
// (fasthttp: HTTP/1.1 only).
func TestFiber(t *testing.T) {
	adaptertest.Run(t, serveFiber, setups(t)...)
}
