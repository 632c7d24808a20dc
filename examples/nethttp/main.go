// Command nethttp is a small net/http app with "Sign in with Rememberizer":
// a public home page, a dashboard for signed-in users that lists their
// mementos, and a JSON endpoint.
//
//	go run ./examples/nethttp
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

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demoenv"
	"github.com/rzauth/rememberizer-go/examples/demopages"
	"github.com/rzauth/rememberizer-go/nethttp"
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

// newHandler routes the app's pages and the sign-in routes; the help
// center searches vs, the pages log to log, and health answers /healthz.
func newHandler(c *core.Client, vs *rememberizer.Client, log *slog.Logger, health func(context.Context) (status int, body string)) http.Handler {
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)                      // GET login, GET callback, POST logout
	signedIn := nethttp.RequireRememberizer(c) // signed out: pages go to sign in, API calls get 401
	mux.Handle("GET /{$}", nethttp.OptionalRememberizer(c)(home(log)))
	mux.Handle("GET /dashboard", signedIn(dashboard(c, log)))
	mux.Handle("GET /api/me", signedIn(me(log)))
	mux.Handle("GET /search", signedIn(search(c, log)))
	mux.Handle("POST /memorize", signedIn(memorize(c, log)))
	mux.Handle("GET /help", signedIn(help(vs, log)))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		status, body := health(r.Context())
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
	mux.HandleFunc("/", notFound(log)) // any other address: 404 in the app's look
	return mux
}

// dashboard shows the signed-in user and the mementos they shared with
// the app.
func dashboard(c *core.Client, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		// Call the API before writing: a refreshed token is saved in a cookie.
		mementos, apiErr := listMementos(r.Context(), c)
		if apiErr != nil {
			log.Warn("listing mementos failed", "error", apiErr)
		}
		demopages.HTMLHeaders(w.Header().Set)
		if err := demopages.Dashboard(w, user, mementos, apiErr); err != nil {
			serverError(w, log, err)
		}
	})
}

// listMementos calls the Rememberizer API as the user signed in on ctx.
func listMementos(ctx context.Context, c *core.Client) ([]rememberizer.Memento, error) {
	rc, err := c.API(ctx) // the user's token, refreshed and saved as needed; Config.BaseURL's API
	if err != nil {
		return nil, err
	}
	return rc.Mementos(ctx)
}
