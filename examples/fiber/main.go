// Command fiber is a small Fiber app with "Sign in with Rememberizer": a
// public home page, a dashboard for signed-in users that lists their
// mementos, and a JSON endpoint. It is the app of examples/nethttp, wired
// with Fiber.
//
//	go run ./examples/fiber
//
// Without REMEMBERIZER_CLIENT_ID it runs in demo mode against a local fake
// Rememberizer; see package demo for every setting.
//
// Read it top to bottom for what an app writes: config (the core.Config),
// build (core.New), the routes (Mount and the middleware), and dashboard
// with listMementos (a call to the Rememberizer API as the signed-in
// user). The other pages are in pages.go and serving in serve.go;
// package demo renders the pages and reads the settings.
package main

import (
	"context"
	"log/slog"
	"net"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/internal/demo"
	"github.com/rzauth/rememberizer-go/fibermw"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

func main() { demo.Run(build) }

// config is the app's core.Config. A real app writes its own values in
// place of env's: they come from the environment here, or from a local
// fake Rememberizer in demo mode.
func config(env *demo.Env) core.Config {
	cfg := core.Config{
		ClientID:     env.ClientID,     // from Rememberizer's "Registered apps" page
		ClientSecret: env.ClientSecret, // never logged or printed
		RedirectURL:  env.RedirectURL,  // PUBLIC_URL + "/auth/rememberizer/callback", registered at Rememberizer
		SessionKeys:  env.SessionKeys,  // 32 random bytes each: openssl rand -base64 32
		BaseURL:      env.BaseURL,      // empty for https://api.rememberizer.ai
		Logger:       env.Logger,
		ErrorPage:    demo.ErrorPage, // a failed sign-in in the app's look
	}
	if env.RedisStore != nil { // REDIS_URL is set
		cfg.Store = env.RedisStore      // sessions in Redis: the cookie holds an id
		cfg.GrantStore = env.RedisStore // tokens in Redis, shared by every instance
	}
	return cfg
}

// build makes the app: the client, then the routes.
func build(env *demo.Env) (demo.Server, error) {
	c, err := core.New(config(env))
	if err != nil {
		return nil, err
	}
	api := rememberizer.Config{BaseURL: env.BaseURL} // the zero Config calls https://api.rememberizer.ai
	app := newApp(c, api, env.Health)
	return func(ctx context.Context, ln net.Listener, log *slog.Logger) error {
		return serve(ctx, ln, app, log)
	}, nil
}

// newApp routes the app's pages and the sign-in routes; api says where
// the dashboard calls the Rememberizer API. /healthz answers 503 when
// health, if not nil, reports an error.
func newApp(c *core.Client, api rememberizer.Config, health func(context.Context) error) *fiber.App {
	app := fiber.New(fiber.Config{
		DisableStartupMessage: true,
		ReadBufferSize:        fibermw.ReadBufferSize, // room for the sign-in cookies
		StrictRouting:         true,                   // exact paths, as with net/http
		CaseSensitive:         true,
		ReadTimeout:           15 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           2 * time.Minute,
		ErrorHandler:          errorPage(c),
	})
	fibermw.Mount(app, c)                      // GET login, GET callback, POST logout
	signedIn := fibermw.RequireRememberizer(c) // signed out: pages go to sign in, API calls get 401
	app.Get("/", fibermw.OptionalRememberizer(c), home)
	app.Get("/dashboard", signedIn, dashboard(c, api))
	app.Get("/api/me", signedIn, me)
	app.Get("/search", signedIn, search(c))
	app.Post("/memorize", signedIn, memorize(c))
	app.Get("/healthz", func(ctx *fiber.Ctx) error {
		status, body := demo.Healthz(ctx.UserContext(), health)
		ctx.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return ctx.Status(status).SendString(body)
	})
	return app
}

// dashboard shows the signed-in user and the mementos they shared with
// the app.
func dashboard(c *core.Client, api rememberizer.Config) fiber.Handler {
	return func(ctx *fiber.Ctx) error {
		user, _ := core.UserFrom(ctx.UserContext())
		// Call the API before writing: a refreshed token is saved in a cookie.
		mementos, apiErr := listMementos(ctx.UserContext(), c, api)
		if apiErr != nil {
			c.Logger().Warn("listing mementos failed", "error", apiErr)
		}
		demo.HTMLHeaders(ctx.Set)
		return demo.Dashboard(ctx, user, mementos, apiErr)
	}
}

// listMementos calls the Rememberizer API as the user signed in on ctx.
func listMementos(ctx context.Context, c *core.Client, api rememberizer.Config) ([]rememberizer.Memento, error) {
	hc, err := c.HTTPClient(ctx) // sends the user's token, refreshed and saved as needed
	if err != nil {
		return nil, err
	}
	rc, err := rememberizer.New(hc, api)
	if err != nil {
		return nil, err
	}
	return rc.Mementos(ctx)
}
