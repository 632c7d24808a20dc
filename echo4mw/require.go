package echo4mw

import (
	"github.com/labstack/echo/v4"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// RequireRememberizer returns middleware that lets only signed-in browsers
// through, for a route, a group or the whole Echo (e.Use, before or after
// [Mount]: the auth routes stay open to signed-out browsers, since the
// middleware lets requests for them through). The next handler finds the
// session in the request's context:
// core.SessionFrom(c.Request().Context()),
// core.UserFrom(c.Request().Context()), and calls the Rememberizer API
// with client.API(c.Request().Context()).
//
// A signed-out browser navigation is redirected to sign in and comes back
// to the page it asked for; a signed-out API call gets 401 JSON. A store
// failure or a refresh that cannot be done now goes to the error handler.
// In no failing case is the next handler called.
//
// The request's view ends when the next handler returns or the response's
// headers are about to be written, whichever comes first (see
// adapter.Scope.End).
func RequireRememberizer(client *core.Client, cfg ...Config) echo.MiddlewareFunc {
	conf := configFrom(cfg)
	eng, hooks := client.Adapter(), conf.hooks()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if conf.skip(c) {
				return next(c)
			}
			o := eng.Require(request(c), hooks)
			if o.Scope != nil {
				return serve(c, next, o.Scope)
			}
			return conf.refuse(c, o)
		}
	}
}

// OptionalRememberizer returns middleware for public pages that show who
// is signed in: the next handler always runs, with the session in the
// request's context when there is one (core.UserFrom reports ok), and
// without it otherwise. Nothing is refused and nothing redirected. The
// response carries Vary: Cookie. Of cfg, only Skipper is used.
func OptionalRememberizer(client *core.Client, cfg ...Config) echo.MiddlewareFunc {
	conf := configFrom(cfg)
	eng := client.Adapter()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if conf.skip(c) {
				return next(c)
			}
			return serve(c, next, eng.Optional(request(c)).Scope)
		}
	}
}

// serve runs next with the session in the request's context, ending the
// request's view just before the response's headers are written (Echo's
// Response.Before) and when next returns or panics.
func serve(c echo.Context, next echo.HandlerFunc, sc adapter.Scope) error {
	defer sc.End()
	c.Response().Before(sc.End)
	req := c.Request()
	if ctx := sc.Context(req.Context()); ctx != req.Context() {
		c.SetRequest(req.WithContext(ctx))
	}
	return next(c)
}
