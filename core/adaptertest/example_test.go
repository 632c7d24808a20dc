package adaptertest_test

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// serve is a driver of the suite, the one the package documentation
// shows, for package nethttp; internal/conformance runs the suite on
// every adapter, under more store configurations.
func serve(t *testing.T, c *core.Client, ln net.Listener, app *adaptertest.App) {
	mux := http.NewServeMux()
	cfg := hookConfig(app.Hooks) // the adapter's Config with recording hooks, or none
	nethttp.Mount(mux, c, cfg...)
	protect := nethttp.RequireRememberizer(c, cfg...)
	mux.HandleFunc("GET /public", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "public") })
	mux.Handle("/private", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := core.UserFrom(r.Context())
		io.WriteString(w, "user="+u.ID+" email="+u.Email)
	})))
	otherRoutes(mux, c, app, protect) // GET /api/me, /mementos, /cached, /optional, /detach, /visitor
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// otherRoutes registers the rest of the standard app described at
// adaptertest.Serve.
func otherRoutes(mux *http.ServeMux, c *core.Client, app *adaptertest.App, protect func(http.Handler) http.Handler) {
	mux.Handle("GET /api/me", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := core.UserFrom(r.Context())
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"id": u.ID, "email": u.Email, "name": u.Name})
	})))
	mux.Handle("GET /mementos", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, body := adaptertest.Mementos(r.Context(), c)
		w.WriteHeader(status)
		io.WriteString(w, body)
	})))
	mux.Handle("GET /detach", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		app.StartDetached(r.Context(), c)
		io.WriteString(w, "started")
	})))
	mux.Handle("GET /cached", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		io.WriteString(w, "cached")
	})))
	mux.Handle("GET /optional", nethttp.OptionalRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := core.UserFrom(r.Context())
		w.Header().Set("Cache-Control", "public, max-age=300")
		io.WriteString(w, "optional:"+u.ID)
	})))
	mux.HandleFunc("GET /visitor", func(w http.ResponseWriter, r *http.Request) {
		app.ReleaseDetached()
		io.WriteString(w, "visitor")
	})
}

// hookConfig is the adapter's Config with the suite's recording hooks, or
// none when the app sets no hooks.
func hookConfig(hooks *adaptertest.Hooks) []nethttp.Config {
	if hooks == nil {
		return nil
	}
	cfg := nethttp.Config{ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
		hooks.Error(err)
		w.WriteHeader(adaptertest.HookStatus)
	}}
	if hooks.WithUnauthorized {
		cfg.UnauthorizedHandler = func(w http.ResponseWriter, r *http.Request, err error) {
			hooks.Unauthorized(err)
			w.WriteHeader(adaptertest.HookStatus)
		}
	}
	return []nethttp.Config{cfg}
}

// newMyStore stands for the store under test: here core's memory store,
// on the environment's clock.
func newMyStore(_ testing.TB, now func() time.Time) core.Store {
	return core.NewMemoryStore(core.MemoryStoreConfig{Now: now})
}

// TestBehaviourOnMyStore runs the suite on net/http under the built-in
// store configurations and one more.
func TestBehaviourOnMyStore(t *testing.T) {
	adaptertest.Run(t, serve, adaptertest.Setup{
		Name:         "my-store",
		SessionStore: true, // Apply sets Config.Store
		Apply: func(t testing.TB, c *core.Config) {
			c.Store = newMyStore(t, c.Now) // empty, or keys under a prefix of t.Name()
		},
	})
}
