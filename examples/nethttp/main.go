// Command nethttp is a small net/http app with "Sign in with Rememberizer":
// a public home page, a dashboard for signed-in users that lists their
// mementos, and a JSON endpoint.
//
//	go run ./examples/nethttp
//
// Without REMEMBERIZER_CLIENT_ID it runs in demo mode against a local fake
// Rememberizer; see package demo for every setting.
//
// Read it top to bottom for what an app writes: config (the core.Config),
// build (core.New), the routes (Mount and the middleware), and dashboard
// with listMementos (a call to the Rememberizer API as the signed-in
// user). The other pages are in pages.go; package demo renders them,
// reads the settings and serves.
package main

import (
	"context"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/internal/demo"
	"github.com/rzauth/rememberizer-go/nethttp"
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
	return demo.HTTPServer(newHandler(c, api, env.Health)), nil
}

// newHandler routes the app's pages and the sign-in routes; api says where
// the dashboard calls the Rememberizer API. /healthz answers 503 when
// health, if not nil, reports an error.
func newHandler(c *core.Client, api rememberizer.Config, health func(context.Context) error) http.Handler {
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)                      // GET login, GET callback, POST logout
	signedIn := nethttp.RequireRememberizer(c) // signed out: pages go to sign in, API calls get 401
	mux.Handle("GET /{$}", nethttp.OptionalRememberizer(c)(home(c)))
	mux.Handle("GET /dashboard", signedIn(dashboard(c, api)))
	mux.Handle("GET /api/me", signedIn(me(c)))
	mux.Handle("GET /search", signedIn(search(c)))
	mux.Handle("POST /memorize", signedIn(memorize(c)))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		status, body := demo.Healthz(r.Context(), health)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
	return mux
}

// dashboard shows the signed-in user and the mementos they shared with
// the app.
func dashboard(c *core.Client, api rememberizer.Config) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		// Call the API before writing: a refreshed token is saved in a cookie.
		mementos, apiErr := listMementos(r.Context(), c, api)
		if apiErr != nil {
			c.Logger().Warn("listing mementos failed", "error", apiErr)
		}
		demo.HTMLHeaders(w.Header().Set)
		if err := demo.Dashboard(w, user, mementos, apiErr); err != nil {
			serverError(w, c, err)
		}
	})
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
