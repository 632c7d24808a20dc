package echo4mw

import (
	"fmt"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rzauth/rememberizer-go/core"
)

// Mount registers the login, callback and logout routes of c on r, an
// *echo.Echo or an *echo.Group, at c.LoginPath(), c.CallbackPath() and
// c.LogoutPath() (by default below /auth/rememberizer). Login and callback
// take GET, logout takes POST; the routes accept every method and core
// answers other methods with 405, as with net/http.
//
// The paths are the client's, whatever r is: on the Echo, or on a group
// without a prefix (e.Group("", mw...)), they are registered as they are;
// on a group with a prefix, such as e.Group("/app"), the client's paths
// must lie below it (core.Config.RoutePrefix "/app/auth", with the
// RedirectURL's path "/app/auth/callback"), and the group is given the
// rest. A group's middleware runs on these routes as on any other of the
// group. Mount panics, as Echo does for a bad route, when the client's
// paths are not below the group's prefix.
func Mount(r interface {
	Any(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) []*echo.Route
}, c *core.Client, cfg ...Config) {
	h := Handler(c, cfg...)
	login, callback, logout := c.Adapter().Paths()
	// A group puts its prefix before every path it is given, and does
	// not say what it is: the first route shows it. On a group with a
	// prefix that route is at prefix+login, a path core answers with 404.
	full := firstPath(r.Any(login, h))
	prefix, ok := strings.CutSuffix(full, login)
	if !ok {
		panic(fmt.Sprintf("echo4mw.Mount: the route for %q was registered at %q: mount on the Echo or on a group", login, full))
	}
	if prefix == "" {
		r.Any(callback, h)
		r.Any(logout, h)
		return
	}
	for _, p := range []string{login, callback, logout} {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok || !strings.HasPrefix(rest, "/") {
			panic(fmt.Sprintf("echo4mw.Mount: the group's prefix %q is not a prefix of the auth route %q: mount on the Echo, or set core.Config.RoutePrefix below the group's prefix (e.g. %q) with the RedirectURL's path %q", prefix, p, prefix+"/auth", prefix+"/auth/callback"))
		}
		r.Any(rest, h)
	}
}

// Handler returns one handler serving the three auth routes of c, for
// apps that register routes another way. Other paths get 404 from core.
// Config.Skipper is not used: a handler has no next handler to skip to.
func Handler(c *core.Client, cfg ...Config) echo.HandlerFunc {
	conf := configFrom(cfg)
	eng, hooks := c.Adapter(), conf.hooks()
	eng.Mounted()
	return func(ctx echo.Context) error {
		return conf.refuse(ctx, eng.ServeAuth(request(ctx), hooks))
	}
}

// firstPath is the path of the first of the routes Any registered (one
// per method, all at one path).
func firstPath(routes []*echo.Route) string {
	if len(routes) == 0 {
		return ""
	}
	return routes[0].Path
}
