package consumertest

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// NewChiApp is the app on chi, with the net/http adapter: the auth routes
// on the router, /dashboard in a group that uses the middleware, /app/me
// in a sub-router (r.Route) that does, and /admin/me in a router of its
// own mounted with r.Mount.
func NewChiApp(cfg core.Config) (http.Handler, error) {
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	me := func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		_, _ = w.Write([]byte(greeting(user)))
	}
	r := chi.NewRouter()
	nethttp.Mount(r, c) // GET login, GET callback, POST logout
	r.Group(func(r chi.Router) {
		r.Use(nethttp.RequireRememberizer(c))
		r.Get("/dashboard", me)
	})
	r.Route("/app", func(r chi.Router) {
		r.Use(nethttp.RequireRememberizer(c))
		r.Get("/me", me)
	})
	admin := chi.NewRouter()
	admin.Use(nethttp.RequireRememberizer(c))
	admin.Get("/me", me)
	r.Mount("/admin", admin)
	return r, nil
}
