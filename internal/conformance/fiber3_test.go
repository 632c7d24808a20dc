package conformance_test

import (
	"net"
	"testing"

	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/fiber3mw"
)

// serveFiber3 is the Fiber v3 driver of the behaviour suite. Its handlers
// read the user and call the API with the fiber.Ctx itself as the context;
// work that outlives the request gets c.Context().
func serveFiber3(t *testing.T, c *core.Client, ln net.Listener, suite *adaptertest.App) {
	app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
	cfg := hookConfigFiber3(suite.Hooks)
	protect := fiber3mw.RequireRememberizer(c, cfg...)
	if suite.Wiring == adaptertest.Global {
		app.Use(protect)
		protect = func(ctx fiber.Ctx) error { return ctx.Next() }
	}
	if suite.Wiring != adaptertest.Unmounted {
		fiber3mw.Mount(app, c, cfg...)
	}
	app.Get("/public", func(ctx fiber.Ctx) error { return ctx.SendString("public") })
	private := func(ctx fiber.Ctx) error {
		u, _ := core.UserFrom(ctx)
		return ctx.SendString("user=" + u.ID + " email=" + u.Email)
	}
	app.Get("/private", protect, private)
	app.Post("/private", protect, private)
	app.Get("/api/me", protect, func(ctx fiber.Ctx) error {
		u, _ := core.UserFrom(ctx)
		return ctx.JSON(map[string]string{"id": u.ID, "email": u.Email, "name": u.Name})
	})
	app.Get("/mementos", protect, func(ctx fiber.Ctx) error {
		status, body := adaptertest.Mementos(ctx, c)
		return ctx.Status(status).SendString(body)
	})
	app.Get("/detach", protect, func(ctx fiber.Ctx) error {
		suite.StartDetached(ctx.Context(), c)
		return ctx.SendString("started")
	})
	app.Get("/cached", protect, func(ctx fiber.Ctx) error {
		ctx.Set("Cache-Control", "public, max-age=300")
		return ctx.SendString("cached")
	})
	app.Get("/cached-after-status", protect, func(ctx fiber.Ctx) error {
		ctx.Status(fiber.StatusOK)
		ctx.Set("Cache-Control", "public, max-age=300")
		return ctx.SendString("cached")
	})
	app.Get("/optional", fiber3mw.OptionalRememberizer(c), func(ctx fiber.Ctx) error {
		u, _ := core.UserFrom(ctx)
		ctx.Set("Cache-Control", "public, max-age=300")
		return ctx.SendString("optional:" + u.ID)
	})
	app.Get("/unwrapped", func(ctx fiber.Ctx) error {
		status, body := adaptertest.Mementos(ctx, c)
		return ctx.Status(status).SendString(body)
	})
	app.Get("/visitor", func(ctx fiber.Ctx) error {
		suite.ReleaseDetached()
		return ctx.SendString("visitor")
	})
	go app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
	t.Cleanup(func() { app.Shutdown() })
}

// hookConfigFiber3 is the Config of an app with the suite's recording
// hooks. They return a *fiber.Error, which the app's error handler
// answers: a hook's error goes where the app's other errors go.
func hookConfigFiber3(hooks *adaptertest.Hooks) []fiber3mw.Config {
	if hooks == nil {
		return nil
	}
	cfg := fiber3mw.Config{ErrorHandler: func(_ fiber.Ctx, err error) error {
		hooks.Error(err)
		return fiber.NewError(adaptertest.HookStatus)
	}}
	if hooks.WithUnauthorized {
		cfg.UnauthorizedHandler = func(_ fiber.Ctx, err error) error {
			hooks.Unauthorized(err)
			return fiber.NewError(adaptertest.HookStatus)
		}
	}
	return []fiber3mw.Config{cfg}
}

// TestFiber3 runs every scenario under every store configuration on
// Fiber v3 (fasthttp: HTTP/1.1 only).
func TestFiber3(t *testing.T) {
	adaptertest.Run(t, serveFiber3, setups(t)...)
}

// serveKeptFiber3 serves a's routes (see newKeptApp) on Fiber v3, whose
// handlers take the API client with the fiber.Ctx itself as the context:
// a goroutine keeping that client must not reach the pooled ctx's next
// request.
func serveKeptFiber3(t *testing.T, a *keptApp, c *core.Client, ln net.Listener) {
	app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
	fiber3mw.Mount(app, c)
	protect := fiber3mw.RequireRememberizer(c)
	app.Get("/detach", protect, func(ctx fiber.Ctx) error {
		a.detach(ctx)
		return ctx.SendString("started")
	})
	app.Get("/private", protect, func(ctx fiber.Ctx) error {
		u, _ := core.UserFrom(ctx)
		return ctx.SendString("user=" + u.ID)
	})
	app.Get("/visitor", func(ctx fiber.Ctx) error {
		a.visitor()
		return ctx.SendString("visitor")
	})
	app.Get("/public", func(ctx fiber.Ctx) error { return ctx.SendString("public") })
	go app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
	t.Cleanup(func() { app.Shutdown() })
}
