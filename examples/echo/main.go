// Command echo is a small Echo v5 app with "Sign in with Rememberizer": a
// public home page, a dashboard for signed-in users that lists their
// mementos, and a JSON endpoint. It is the app of examples/nethttp, wired
// with Echo.
//
//	go run ./examples/echo
//
// Without REMEMBERIZER_CLIENT_ID it runs in demo mode against a local fake
// Rememberizer; package demoenv lists every setting.
//
// Read it top to bottom for what an app writes: config (the core.Config),
// run (core.New), the routes (Mount and the middleware), and dashboard
// with listMementos (a call to the Rememberizer API as the signed-in
// user). The other pages are in pages.go; package demopages renders the
// pages, and package demoenv reads the settings and serves the app.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/echo5mw"
	"github.com/rzauth/rememberizer-go/examples/demoenv"
	"github.com/rzauth/rememberizer-go/examples/demopages"
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
	return demoenv.ServeHTTP(ctx, ln, env.WithMetrics(newHandler(c, vs, env.Logger, env.Healthz)), env.Logger)
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

// getOrHead are the methods of a page: Echo routes HEAD apart from GET.
var getOrHead = []string{http.MethodGet, http.MethodHead}

// newHandler routes the app's pages and the sign-in routes; the help
// center searches vs, the pages log to log, and health answers /healthz.
// Any other page gets the 404 page in the app's look, from errorPage.
func newHandler(c *core.Client, vs *rememberizer.Client, log *slog.Logger, health func(context.Context) (status int, body string)) *echo.Echo {
	e := echo.NewWithConfig(echo.Config{
		Logger:           log,
		HTTPErrorHandler: errorPage(log),
	})
	e.Use(middleware.Recover())
	echo5mw.Mount(e, c)                        // GET login, GET callback, POST logout
	signedIn := echo5mw.RequireRememberizer(c) // signed out: pages go to sign in, API calls get 401
	e.Match(getOrHead, "/", home, echo5mw.OptionalRememberizer(c))
	e.Match(getOrHead, "/dashboard", dashboard(c, log), signedIn)
	e.Match(getOrHead, "/api/me", me, signedIn)
	e.Match(getOrHead, "/search", search(c, log), signedIn)
	e.POST("/memorize", memorize(c, log), signedIn)
	e.Match(getOrHead, "/help", help(vs, log), signedIn)
	e.Match(getOrHead, "/healthz", func(ctx *echo.Context) error {
		status, body := health(ctx.Request().Context())
		return ctx.String(status, body)
	})
	return e
}

// dashboard shows the signed-in user and the mementos they shared with
// the app.
func dashboard(c *core.Client, log *slog.Logger) echo.HandlerFunc {
	return func(ctx *echo.Context) error {
		user, _ := core.UserFrom(ctx.Request().Context())
		// Call the API before writing: a refreshed token is saved in a cookie.
		mementos, apiErr := listMementos(ctx.Request().Context(), c)
		if apiErr != nil {
			log.Warn("listing mementos failed", "error", apiErr)
		}
		demopages.HTMLHeaders(ctx.Response().Header().Set)
		return demopages.Dashboard(ctx.Response(), user, mementos, apiErr)
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
