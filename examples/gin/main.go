// Command gin is a small Gin app with "Sign in with Rememberizer": a
// public home page, a dashboard for signed-in users that lists their
// mementos, and a JSON endpoint. It is the app of examples/nethttp, wired
// with Gin.
//
//	go run ./examples/gin
//
// Without REMEMBERIZER_CLIENT_ID it runs in demo mode against a local fake
// Rememberizer; see package demo for every setting.
//
// Read it top to bottom for what an app writes: config (the core.Config),
// build (core.New), the routes (Mount and the middleware), and dashboard
// with listMementos (a call to the Rememberizer API as the signed-in
// user). The other pages are in pages.go; package demo renders them,
// reads the settings and serves.
//
// GIN_MODE works as usual; it defaults to release here.
package main

import (
	"context"
	"io"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/internal/demo"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

func main() {
	if os.Getenv(gin.EnvGinMode) == "" {
		gin.SetMode(gin.ReleaseMode)
	}
	demo.Run(func(env *demo.Env) (demo.Server, error) { return build(env, os.Stdout) })
}

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

// build makes the app: the client, then the routes, logging each request
// to accessLog.
func build(env *demo.Env, accessLog io.Writer) (demo.Server, error) {
	c, err := core.New(config(env))
	if err != nil {
		return nil, err
	}
	api := rememberizer.Config{BaseURL: env.BaseURL} // the zero Config calls https://api.rememberizer.ai
	return demo.HTTPServer(newHandler(c, api, env.Health, accessLog)), nil
}

// getOrHead are the methods of a page: Gin routes HEAD apart from GET.
var getOrHead = []string{http.MethodGet, http.MethodHead}

// newHandler routes the app's pages and the sign-in routes, logging each
// request to accessLog; api says where the dashboard calls the
// Rememberizer API. /healthz answers 503 when health, if not nil, reports
// an error.
func newHandler(c *core.Client, api rememberizer.Config, health func(context.Context) error, accessLog io.Writer) *gin.Engine {
	// gin.New, not gin.Default: gin.Default's logger would write the
	// callback's code and state to the access log. ginmw's logger drops
	// the callback's query and logs the rest as Gin does.
	r := gin.New()
	r.Use(ginmw.LoggerWithConfig(c, gin.LoggerConfig{Output: accessLog}), gin.Recovery())
	r.HandleMethodNotAllowed = true          // 405, not 404, for a page asked with the wrong method
	_ = r.SetTrustedProxies(nil)             // the app reads no client IP; trust no forwarding header
	ginmw.Mount(r, c)                        // GET login, GET callback, POST logout
	signedIn := ginmw.RequireRememberizer(c) // signed out: pages go to sign in, API calls get 401
	r.Match(getOrHead, "/", ginmw.OptionalRememberizer(c), home(c))
	r.Match(getOrHead, "/dashboard", signedIn, dashboard(c, api))
	r.Match(getOrHead, "/api/me", signedIn, me(c))
	r.Match(getOrHead, "/search", signedIn, search(c))
	r.POST("/memorize", signedIn, memorize(c))
	r.Match(getOrHead, "/healthz", func(ctx *gin.Context) {
		ctx.String(demo.Healthz(ctx.Request.Context(), health))
	})
	return r
}

// dashboard shows the signed-in user and the mementos they shared with
// the app.
func dashboard(c *core.Client, api rememberizer.Config) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		// Call the API before writing: a refreshed token is saved in a cookie.
		mementos, apiErr := listMementos(ctx.Request.Context(), c, api)
		if apiErr != nil {
			c.Logger().Warn("listing mementos failed", "error", apiErr)
		}
		demo.HTMLHeaders(ctx.Header)
		if err := demo.Dashboard(ctx.Writer, user, mementos, apiErr); err != nil {
			serverError(ctx, c, err)
		}
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
