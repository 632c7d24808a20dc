// Command fiber3 is a small Fiber v3 app with "Sign in with Rememberizer": a
// public home page, a dashboard for signed-in users that lists their
// mementos, and a JSON endpoint. It is the app of examples/nethttp, wired
// with Fiber v3.
//
//	go run ./examples/fiber3
//
// Without REMEMBERIZER_CLIENT_ID it runs in demo mode against a local fake
// Rememberizer; package demoenv lists every setting.
//
// Read it top to bottom for what an app writes: config (the core.Config),
// run (core.New), the routes (Mount and the middleware), and dashboard
// with listMementos (a call to the Rememberizer API as the signed-in
// user). The other pages are in pages.go and serving in serve.go; package
// demopages renders the pages, and package demoenv reads the settings.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/adaptor"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demoenv"
	"github.com/rzauth/rememberizer-go/examples/demopages"
	"github.com/rzauth/rememberizer-go/fiber3mw"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Stdout, os.Stderr, net.Listen)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// run reads the settings, makes the client and serves the app on the
// listener listen gives for the settings' address, until ctx is done.
// What the settings mean (demo mode, a random session key) is printed only
// once core.New has accepted them.
func run(ctx context.Context, stdout, stderr io.Writer, listen func(network, address string) (net.Listener, error)) error {
	env, err := demoenv.Load(stderr)
	if err != nil {
		return err
	}
	defer env.Close()
	c, err := core.New(config(env))
	if err != nil {
		return err
	}
	vs, err := helpCenter(env)
	if err != nil {
		return err
	}
	env.Announce(stdout, stderr)
	ln, err := listen("tcp", env.Addr)
	if err != nil {
		return err
	}
	app := newApp(c, vs, env.Logger, env.Healthz)
	if env.Metrics != nil { // METRICS=1
		app.Get("/metrics", adaptor.HTTPHandler(env.Metrics))
	}
	return serve(ctx, ln, app, env.Logger)
}

// config is the app's core.Config. A real app writes its own values in
// place of env's: they come from the environment here, or from a local
// fake Rememberizer in demo mode.
func config(env *demoenv.Env) core.Config {
	cfg := core.Config{
		ClientID:     env.ClientID,     // from Rememberizer's "Registered apps" page
		ClientSecret: env.ClientSecret, // never logged or printed
		RedirectURL:  env.RedirectURL,  // PUBLIC_URL + "/auth/rememberizer/callback", registered at Rememberizer
		SessionKeys:  env.SessionKeys,  // 32 random bytes each: openssl rand -base64 32
		BaseURL:      env.BaseURL,      // empty for https://api.rememberizer.ai
		Logger:       env.Logger,
		ErrorPage:    demopages.ErrorPage, // a failed sign-in in the app's look
		OnEvent:      env.OnEvent,         // METRICS=1: counted for /metrics, and logged
	}
	if env.RedisStore != nil { // REDIS_URL is set
		cfg.Store = env.RedisStore      // sessions in Redis: the cookie holds an id
		cfg.GrantStore = env.RedisStore // tokens in Redis, shared by every instance
	}
	if env.SQLiteStore != nil { // SQLITE_PATH is set
		cfg.GrantStore = env.SQLiteStore // tokens in a file: kept across restarts, shared by this machine's processes
	}
	return cfg
}

// helpCenter is a client of the app's vector store, which the help center
// page searches with the store's API key, not a user's sign-in; nil when
// the app has none.
func helpCenter(env *demoenv.Env) (*rememberizer.Client, error) {
	if env.VectorStoreKey == "" {
		return nil, nil
	}
	return rememberizer.New(nil, rememberizer.Config{BaseURL: env.BaseURL, APIKey: env.VectorStoreKey})
}

// newApp routes the app's pages and the sign-in routes; the help center
// searches vs, the pages log to log, and health answers /healthz.
func newApp(c *core.Client, vs *rememberizer.Client, log *slog.Logger, health func(context.Context) (status int, body string)) *fiber.App {
	app := fiber.New(fiber.Config{
		ReadBufferSize: fiber3mw.ReadBufferSize, // room for the sign-in cookies
		StrictRouting:  true,                    // exact paths, as with net/http
		CaseSensitive:  true,
		ReadTimeout:    15 * time.Second,
		WriteTimeout:   30 * time.Second,
		IdleTimeout:    2 * time.Minute,
		ErrorHandler:   errorPage(log),
	})
	fiber3mw.Mount(app, c)                      // GET login, GET callback, POST logout
	signedIn := fiber3mw.RequireRememberizer(c) // signed out: pages go to sign in, API calls get 401
	app.Get("/", fiber3mw.OptionalRememberizer(c), home)
	app.Get("/dashboard", signedIn, dashboard(c, log))
	app.Get("/api/me", signedIn, me)
	app.Get("/search", signedIn, search(c, log))
	app.Post("/memorize", signedIn, memorize(c, log))
	app.Get("/help", signedIn, help(vs, log))
	app.Get("/healthz", func(ctx fiber.Ctx) error {
		status, body := health(ctx.Context())
		ctx.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return ctx.Status(status).SendString(body)
	})
	return app
}

// dashboard shows the signed-in user and the mementos they shared with
// the app.
func dashboard(c *core.Client, log *slog.Logger) fiber.Handler {
	return func(ctx fiber.Ctx) error {
		user, _ := core.UserFrom(ctx)
		// Call the API before writing: a refreshed token is saved in a cookie.
		mementos, apiErr := listMementos(ctx, c)
		if apiErr != nil {
			log.Warn("listing mementos failed", "error", apiErr)
		}
		demopages.HTMLHeaders(ctx.Set)
		return demopages.Dashboard(ctx, user, mementos, apiErr)
	}
}

// listMementos calls the Rememberizer API as the user signed in on ctx.
func listMementos(ctx context.Context, c *core.Client) ([]rememberizer.Memento, error) {
	rc, err := c.API(ctx) // the user's token, refreshed and saved as needed; Config.BaseURL's API
	if err != nil {
		return nil, err
	}
	return rc.Mementos(ctx)
}
