// Command gin is a small Gin app with "Sign in with Rememberizer": a
// public home page, a dashboard for signed-in users that lists their
// mementos, and a JSON endpoint. It is the app of examples/nethttp, wired
// with Gin.
//
//	go run ./examples/gin
//
// Without REMEMBERIZER_CLIENT_ID it runs in demo mode against a local fake
// Rememberizer; package demoenv lists every setting.
//
// Read it top to bottom for what an app writes: config (the core.Config),
// run (core.New), the routes (Mount and the middleware), and dashboard
// with listMementos (a call to the Rememberizer API as the signed-in
// user). The other pages are in pages.go; package demopages renders the
// pages, and package demoenv reads the settings and serves the app.
//
// GIN_MODE works as usual; it defaults to release here.
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

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demoenv"
	"github.com/rzauth/rememberizer-go/examples/demopages"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

func main() {
	if os.Getenv(gin.EnvGinMode) == "" {
		gin.SetMode(gin.ReleaseMode)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Stdout, os.Stderr, net.Listen)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// run reads the settings, makes the client and serves the app on the
// listener listen gives for the settings' address, until ctx is done,
// logging each request to stdout. What the settings mean (demo mode, a
// random session key) is printed only once core.New has accepted them.
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
	return demoenv.ServeHTTP(ctx, ln, env.WithMetrics(newHandler(c, vs, env.Logger, env.Healthz, stdout)), env.Logger)
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

// getOrHead are the methods of a page: Gin routes HEAD apart from GET.
var getOrHead = []string{http.MethodGet, http.MethodHead}

// newHandler routes the app's pages and the sign-in routes, logging each
// request to accessLog; the help center searches vs, the pages log to
// log, and health answers /healthz.
func newHandler(c *core.Client, vs *rememberizer.Client, log *slog.Logger, health func(context.Context) (status int, body string), accessLog io.Writer) *gin.Engine {
	// gin.New, not gin.Default: gin.Default's logger would write the
	// callback's code and state to the access log. ginmw's logger drops
	// the callback's query and logs the rest as Gin does.
	r := gin.New()
	r.Use(ginmw.LoggerWithConfig(c, gin.LoggerConfig{Output: accessLog}), gin.Recovery())
	r.HandleMethodNotAllowed = true          // 405, not 404, for a page asked with the wrong method
	_ = r.SetTrustedProxies(nil)             // the app reads no client IP; trust no forwarding header
	ginmw.Mount(r, c)                        // GET login, GET callback, POST logout
	signedIn := ginmw.RequireRememberizer(c) // signed out: pages go to sign in, API calls get 401
	r.Match(getOrHead, "/", ginmw.OptionalRememberizer(c), home(log))
	r.Match(getOrHead, "/dashboard", signedIn, dashboard(c, log))
	r.Match(getOrHead, "/api/me", signedIn, me(log))
	r.Match(getOrHead, "/search", signedIn, search(c, log))
	r.POST("/memorize", signedIn, memorize(c, log))
	r.Match(getOrHead, "/help", signedIn, help(vs, log))
	r.Match(getOrHead, "/healthz", func(ctx *gin.Context) {
		ctx.String(health(ctx.Request.Context()))
	})
	r.NoRoute(notFound(log)) // any other page: 404 in the app's look
	return r
}

// dashboard shows the signed-in user and the mementos they shared with
// the app.
func dashboard(c *core.Client, log *slog.Logger) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		// Call the API before writing: a refreshed token is saved in a cookie.
		mementos, apiErr := listMementos(ctx.Request.Context(), c)
		if apiErr != nil {
			log.Warn("listing mementos failed", "error", apiErr)
		}
		demopages.HTMLHeaders(ctx.Header)
		if err := demopages.Dashboard(ctx.Writer, user, mementos, apiErr); err != nil {
			serverError(ctx, log, err)
		}
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
