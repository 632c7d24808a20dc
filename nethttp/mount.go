package nethttp

import (
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Mux is what Mount registers routes on: *http.ServeMux, and most routers
// (chi, for one), have this method.
type Mux interface {
	Handle(pattern string, handler http.Handler)
}

// Mount registers the login, callback and logout routes of c on mux, at
// c.LoginPath(), the callback path of Config.RedirectURL and
// c.LogoutPath() (by default below /auth/rememberizer). Login and
// callback take GET, logout takes POST; other methods get 405.
func Mount(mux Mux, c *core.Client, cfg ...Config) {
	h := Handler(c, cfg...)
	login, callback, logout := c.Adapter().Paths()
	mux.Handle(login, h)
	mux.Handle(callback, h)
	mux.Handle(logout, h)
}

// Handler returns one handler serving the three auth routes of c, for
// routers that mount handlers another way. Other paths get 404.
func Handler(c *core.Client, cfg ...Config) http.Handler {
	conf := configFrom(cfg)
	eng, hooks := c.Adapter(), conf.hooks()
	eng.Mounted()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conf.refuse(w, r, eng.ServeAuth(&adapter.HTTPRequest{W: w, R: r}, hooks))
	})
}
