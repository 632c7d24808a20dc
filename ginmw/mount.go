package ginmw

import (
	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// Mount registers the login, callback and logout routes of c on r, at
// c.LoginPath(), c.CallbackPath() and c.LogoutPath() (by default below
// /auth/rememberizer). Login and callback take GET, logout takes POST;
// other methods get 405 from core, exactly as with package nethttp: the
// routes accept every method and core checks it.
//
// The paths are absolute: mount on the engine, or on a group without a
// prefix. Middleware that r uses runs on these routes as on any other.
func Mount(r gin.IRoutes, c *core.Client, cfg ...Config) {
	h := authHandler(c, configFrom(cfg))
	r.Any(c.LoginPath(), h)
	r.Any(c.CallbackPath(), h)
	r.Any(c.LogoutPath(), h)
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
