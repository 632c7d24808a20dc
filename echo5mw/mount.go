package echo5mw

import (
	"github.com/labstack/echo/v5"

	"github.com/rzauth/rememberizer-go/core"
)

// Mount registers the login, callback and logout routes of c on r, an
// *echo.Echo or an *echo.Group, at c.LoginPath(), c.CallbackPath() and
// c.LogoutPath() (by default below /auth/rememberizer). Login and callback
// take GET, logout takes POST; the routes accept every method and core
// answers other methods with 405, as with net/http.
//
// The paths are absolute: mount on the Echo, or on a group without a
// prefix (e.Group("", mw...)), whose middleware then runs on these routes
// as on any other of the group.
func Mount(r interface {
	Any(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) echo.RouteInfo
}, c *core.Client, cfg ...Config) {
	h := Handler(c, cfg...)
	login, callback, logout := c.Adapter().Paths()
	r.Any(login, h)
	r.Any(callback, h)
	r.Any(logout, h)
}

// Handler returns one handler serving the three auth routes of c, for
// apps that register routes another way. Other paths get 404 from core.
// Config.Skipper is not used: a handler has no next handler to skip to.
func Handler(c *core.Client, cfg ...Config) echo.HandlerFunc {
	conf := configFrom(cfg)
	eng, hooks := c.Adapter(), conf.hooks()
	eng.Mounted()
	return func(ctx *echo.Context) error {
		return conf.refuse(ctx, eng.ServeAuth(request(ctx), hooks))
	}
}
