package adaptertest

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// ServeNetHTTP is the suite's driver for package nethttp: it serves the
// standard app described at [Serve] on net/http's ServeMux. It is a
// [Serve] for [Run] and [RunHTTP2]; a store tested on net/http passes it
// as it is, and an adapter of another framework writes the same on its
// own types (internal/conformance in this repository has those of Gin and
// Fiber).
func ServeNetHTTP(t *testing.T, c *core.Client, ln net.Listener, suite *App) {
	mux := http.NewServeMux()
	cfg := netHTTPHooks(suite.Hooks)
	protect := nethttp.RequireRememberizer(c, cfg...)
	var handler http.Handler = mux
	if suite.Wiring == Global {
		handler, protect = protect(mux), func(h http.Handler) http.Handler { return h }
	}
	if suite.Wiring != Unmounted {
		nethttp.Mount(mux, c, cfg...)
	}
	mux.HandleFunc("GET /public", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "public") })
	mux.Handle("/private", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := core.UserFrom(r.Context())
		io.WriteString(w, "user="+u.ID+" email="+u.Email)
	})))
	mux.Handle("GET /api/me", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := core.UserFrom(r.Context())
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"id": u.ID, "email": u.Email, "name": u.Name})
	})))
	mux.Handle("GET /mementos", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, body := Mementos(r.Context(), c)
		w.WriteHeader(status)
		io.WriteString(w, body)
	})))
	mux.Handle("GET /detach", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		suite.StartDetached(r.Context(), c)
		io.WriteString(w, "started")
	})))
	mux.Handle("GET /cached", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		io.WriteString(w, "cached")
	})))
	mux.Handle("GET /cached-after-status", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.Header().Set("Cache-Control", "public, max-age=300")
		io.WriteString(w, "cached")
	})))
	mux.Handle("GET /optional", nethttp.OptionalRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := core.UserFrom(r.Context())
		w.Header().Set("Cache-Control", "public, max-age=300")
		io.WriteString(w, "optional:"+u.ID)
	})))
	mux.HandleFunc("GET /unwrapped", func(w http.ResponseWriter, r *http.Request) {
		status, body := Mementos(r.Context(), c)
		w.WriteHeader(status)
		io.WriteString(w, body)
	})
	mux.HandleFunc("GET /visitor", func(w http.ResponseWriter, r *http.Request) {
		suite.ReleaseDetached()
		io.WriteString(w, "visitor")
	})
	srv := &http.Server{Handler: handler}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// netHTTPHooks is the nethttp.Config of an app with the suite's
// recording hooks, or none when the app sets no hooks.
func netHTTPHooks(hooks *Hooks) []nethttp.Config {
	if hooks == nil {
		return nil
	}
	cfg := nethttp.Config{ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
		hooks.Error(err)
		w.WriteHeader(HookStatus)
	}}
	if hooks.WithUnauthorized {
		cfg.UnauthorizedHandler = func(w http.ResponseWriter, r *http.Request, err error) {
			hooks.Unauthorized(err)
			w.WriteHeader(HookStatus)
		}
	}
	return []nethttp.Config{cfg}
}
