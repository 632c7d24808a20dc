package nethttp

import (
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
)

// RequireRememberizer returns middleware that lets only signed-in browsers
// through. The next handler finds the session in the request context:
// core.SessionFrom(r.Context()), core.UserFrom(r.Context()), and calls the
// Rememberizer API with c.HTTPClient(r.Context()).
//
// A signed-out browser navigation is redirected to sign in and comes back
// to the page it asked for; a signed-out API call gets 401 JSON. A store
// failure or a refresh that cannot be done now goes to the error handler.
// In no failing case is next called.
func RequireRememberizer(c *core.Client, cfg ...Config) func(http.Handler) http.Handler {
	conf := configFrom(cfg)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			req := &request{w: w, r: r}
			s, err := c.Authenticate(req)
			switch {
			case err == nil:
				next.ServeHTTP(w, r.WithContext(c.NewContext(r.Context(), req, s)))
			case core.IsSignedOut(err) && conf.UnauthorizedHandler != nil:
				conf.UnauthorizedHandler(w, r, err)
			case core.IsSignedOut(err):
				write(w, c.SignInReply(req, err))
			default:
				fail(w, r, req, c, conf, err)
			}
		})
	}
}

// OptionalRememberizer returns middleware for public pages that show who
// is signed in: the next handler is always called, with the session in
// the request context when there is one (core.UserFrom reports ok), and
// without it otherwise. Nothing is refused and nothing redirected.
func OptionalRememberizer(c *core.Client) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			req := &request{w: w, r: r}
			if s := c.AuthenticateOptional(req); s != nil {
				r = r.WithContext(c.NewContext(r.Context(), req, s))
			}
			next.ServeHTTP(w, r)
		})
	}
}
