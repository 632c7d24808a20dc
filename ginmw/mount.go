package ginmw

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// Mount registers the login, callback and logout routes of c on r, at
// c.LoginPath(), c.CallbackPath() and c.LogoutPath() (by default below
// /auth/rememberizer): GET login, GET callback and POST logout. Each route
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
	h := authHandler(c, configFrom(cfg))
	for _, route := range routes(c) {
		r.Handle(route.method, route.path, h)
	}
}

// route is one method and path Mount registers.
type route struct{ method, path string }

// routes are what Mount registers: the method each auth route serves,
// then the one core answers 405 to.
func routes(c *core.Client) []route {
	return []route{
		{http.MethodGet, c.LoginPath()},
		{http.MethodGet, c.CallbackPath()},
		{http.MethodPost, c.LogoutPath()},
		{http.MethodPost, c.LoginPath()},
		{http.MethodPost, c.CallbackPath()},
		{http.MethodGet, c.LogoutPath()},
	}
}

// authHandler serves the three auth routes of c.
func authHandler(c *core.Client, conf Config) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		ctx.Abort()
		req := nethttp.NewRequest(ctx.Writer, ctx.Request)
		rep, err := c.ServeAuth(req)
		if err != nil {
			fail(ctx, req, c, conf, err)
			return
		}
		nethttp.WriteReply(ctx.Writer, rep)
	}
}

// fail hands err to the configured error handler, or writes core's reply.
func fail(ctx *gin.Context, req core.Request, c *core.Client, conf Config, err error) {
	if conf.ErrorHandler != nil {
		conf.ErrorHandler(ctx, err)
		return
	}
	nethttp.WriteReply(ctx.Writer, c.ErrorReply(req, err))
}
