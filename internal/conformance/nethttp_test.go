package conformance_test

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// serveNetHTTP is the net/http driver of the behaviour suite.
func serveNetHTTP(t *testing.T, c *core.Client, ln net.Listener, suite *adaptertest.App) {
	mux := http.NewServeMux()
	cfg := hookConfigNetHTTP(suite.Hooks)
	nethttp.Mount(mux, c, cfg...)
	protect := nethttp.RequireRememberizer(c, cfg...)
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
		status, body := adaptertest.Mementos(r.Context(), c)
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
	mux.Handle("GET /optional", nethttp.OptionalRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := core.UserFrom(r.Context())
		w.Header().Set("Cache-Control", "public, max-age=300")
		io.WriteString(w, "optional:"+u.ID)
	})))
	mux.HandleFunc("GET /visitor", func(w http.ResponseWriter, r *http.Request) {
		suite.ReleaseDetached()
		io.WriteString(w, "visitor")
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// hookConfigNetHTTP is the Config of an app with the suite's recording hooks.
func hookConfigNetHTTP(hooks *adaptertest.Hooks) []nethttp.Config {
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

// TestNetHTTP runs every scenario under every store configuration on
// net/http.
func TestNetHTTP(t *testing.T) {
	adaptertest.Run(t, serveNetHTTP, setups(t)...)
}

// TestNetHTTPHTTP2 is TestNetHTTP over HTTP/2.
func TestNetHTTPHTTP2(t *testing.T) {
	adaptertest.RunHTTP2(t, serveNetHTTP, setups(t)...)
}
