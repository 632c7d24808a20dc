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
// user). The pages, the settings and serving are package demo's.
package main

import (
	"context"
	"errors"
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

// home is the public start page; it greets whoever is signed in.
func home(ctx *fiber.Ctx) error {
	var user *core.User
	if u, ok := core.UserFrom(ctx.UserContext()); ok {
		user = &u
	}
	demo.HTMLHeaders(ctx.Set)
	return demo.Home(ctx, user)
}

// search shows what matches ?q= in the user's knowledge.
func search(c *core.Client) fiber.Handler {
	return func(ctx *fiber.Ctx) error {
		user, _ := core.UserFrom(ctx.UserContext())
		q := ctx.Query("q")
		hits, apiErr := demo.Search(ctx.UserContext(), c, q) // before writing, like the dashboard
		demo.HTMLHeaders(ctx.Set)
		return demo.SearchPage(ctx, user, q, hits, apiErr)
	}
}

// memorize stores a note from the "Remember this" form.
func memorize(c *core.Client) fiber.Handler {
	return func(ctx *fiber.Ctx) error {
		user, _ := core.UserFrom(ctx.UserContext())
		header := func(name string) string { return ctx.Get(name) }
		rep := demo.Memorize(ctx.UserContext(), c, header, ctx.FormValue("name"), ctx.FormValue("content"))
		demo.HTMLHeaders(ctx.Set)
		if rep.Location != "" {
			return ctx.Redirect(rep.Location, rep.Status)
		}
		ctx.Status(rep.Status)
		return demo.MessagePage(ctx, user, rep.Message)
	}
}

// me answers who is signed in, as JSON.
func me(ctx *fiber.Ctx) error {
	user, _ := core.UserFrom(ctx.UserContext())
	demo.JSONHeaders(ctx.Set)
	return demo.Me(ctx, user)
}

// errorPage answers an error a handler returned: Fiber's own (404, 405)
// with their status and short text, anything else, such as a page that
// could not be rendered, with a fixed 500 that shows nothing of it.
func errorPage(c *core.Client) fiber.ErrorHandler {
	return func(ctx *fiber.Ctx, err error) error {
		var fe *fiber.Error
		if !errors.As(err, &fe) {
			c.Logger().Error("request failed", "path", ctx.Path(), "error", err)
			fe = fiber.NewError(fiber.StatusInternalServerError, "Something went wrong on our side.")
		}
		ctx.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		ctx.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		return ctx.Status(fe.Code).SendString(fe.Message)
	}
}

// serve serves app on ln until ctx is done, then shuts it down gracefully,
// letting requests in flight finish for up to demo.ShutdownTimeout: the
// demo.Server of a Fiber app, which is not an http.Handler.
func serve(ctx context.Context, ln net.Listener, app *fiber.App, log *slog.Logger) error {
	log.Info("listening", "addr", ln.Addr().String())
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	err := app.ShutdownWithTimeout(demo.ShutdownTimeout)
	// Shutdown closes the listener once Fiber serves on it; closing it here
	// too ends Serve should the signal have come before that.
	ln.Close()
	if serr := <-served; serr != nil && !errors.Is(serr, net.ErrClosed) && err == nil {
		err = serr
	}
	return err
}
