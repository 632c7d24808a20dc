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
	login, callback, logout := c.LoginPath(), c.CallbackPath(), c.LogoutPath()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := &request{w: w, r: r}
		var (
			loc    string
			err    error
			status int
		)
		switch r.URL.Path {
		case login:
			loc, err = c.Login(req)
			status = http.StatusFound
		case callback:
			loc, err = c.Callback(req)
			status = http.StatusSeeOther
		case logout:
			loc, err = c.Logout(req)
			status = http.StatusSeeOther
		default:
			http.NotFound(w, r)
			return
		}
		if err != nil {
			if conf.ErrorHandler != nil {
				conf.ErrorHandler(w, r, err)
				return
			}
			write(w, c.ErrorReply(req, err))
			return
		}
		write(w, core.Reply{Status: status, Location: loc})
	})
}
