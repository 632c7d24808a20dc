package ginmw

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Mount registers the login, callback and logout routes of c on r, at
// c.LoginPath(), the callback path of Config.RedirectURL and
// c.LogoutPath() (by default below /auth/rememberizer): GET login, GET
// callback and POST logout. Each route
// also takes the one other method a browser sends to it by mistake (POST
// to login or callback, a GET link to logout), which core answers with
// 405 and a page that says what to do; any other method is Gin's to
// answer (404, or 405 with Engine.HandleMethodNotAllowed), as for the
// app's own routes. Six routes in all, so gin.Default's debug log lists
// six lines.
//
// The paths are absolute: mount on the engine, or on a group without a
// prefix. Middleware that r uses runs on these routes as on any other.
func Mount(r gin.IRoutes, c *core.Client, cfg ...Config) {
	h := Handler(c, cfg...)
	for _, route := range routes(c) {
		r.Handle(route.method, route.path, h)
	}
}

// route is one method and path Mount registers.
type route struct{ method, path string }

// routes are what Mount registers: the method each auth route serves,
// then the one core answers 405 to.
func routes(c *core.Client) []route {
	login, callback, logout := c.Adapter().Paths()
	return []route{
		{http.MethodGet, login},
		{http.MethodGet, callback},
		{http.MethodPost, logout},
		{http.MethodPost, login},
		{http.MethodPost, callback},
		{http.MethodGet, logout},
	}
}

// Handler returns one handler serving the three auth routes of c, for
// apps that register them another way (r.Any, NoRoute). Other paths get
// 404 from core.
func Handler(c *core.Client, cfg ...Config) gin.HandlerFunc {
	conf := configFrom(cfg)
	eng, hooks := c.Adapter(), conf.hooks()
	eng.Mounted()
	return func(ctx *gin.Context) {
		ctx.Abort()
		conf.refuse(ctx, eng.ServeAuth(&adapter.HTTPRequest{W: ctx.Writer, R: ctx.Request}, hooks))
	}
}
