package nethttp

import (
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
)

// Mux is what Mount registers routes on: *http.ServeMux, and most routers
// (chi, for one), have this method.
type Mux interface {
	Handle(pattern string, handler http.Handler)
}

// Mount registers the login, callback and logout routes of c on mux, at
// c.LoginPath(), c.CallbackPath() and c.LogoutPath() (by default below
// /auth/rememberizer). Login and callback take GET, logout takes POST;
// other methods get 405.
func Mount(mux Mux, c *core.Client, cfg ...Config) {
	h := Handler(c, cfg...)
	mux.Handle(c.LoginPath(), h)
	mux.Handle(c.CallbackPath(), h)
	mux.Handle(c.LogoutPath(), h)
}

// Handler returns one handler serving the three auth routes of c, for
// routers that mount handlers another way. Other paths get 404.
func Handler(c *core.Client, cfg ...Config) http.Handler {
	conf := configFrom(cfg)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := &request{w: w, r: r}
		rep, err := c.ServeAuth(req)
		if err != nil {
			fail(w, r, req, c, conf, err)
			return
		}
		write(w, rep)
	})
}
