package ginmw

import (
	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// RequireRememberizer returns middleware that lets only signed-in browsers
// through, for a route, a group (r.Group("/app", RequireRememberizer(c)))
// or a whole engine (r.Use). The handlers after it find the session in the
// request context: core.SessionFrom(ctx.Request.Context()),
// core.UserFrom(ctx.Request.Context()), and call the Rememberizer API with
// c.HTTPClient(ctx.Request.Context()).
//
// A signed-out browser navigation is redirected to sign in and comes back
// to the page it asked for; a signed-out API call gets 401 JSON. A store
// failure or a refresh that cannot be done now goes to the error handler.
// In no failing case do the later handlers run: the chain is aborted.
//
// The request's view ends when the later handlers return or start writing
// the response, whichever comes first (see [core.Scope.End]): a goroutine
// started with ctx.Copy() that keeps the request's API client never writes
// to this response, nor to the next one Gin serves with the same writer.
func RequireRememberizer(c *core.Client, cfg ...Config) gin.HandlerFunc {
	conf := configFrom(cfg)
	return func(ctx *gin.Context) {
		req := nethttp.NewRequest(ctx.Writer, ctx.Request)
		sc, err := c.Protect(req)
		if err == nil {
			serve(ctx, sc)
			return
		}
		// Abort first, so that nothing a hook does lets the chain go on.
		ctx.Abort()
		switch {
		case core.IsSignedOut(err) && conf.UnauthorizedHandler != nil:
			conf.UnauthorizedHandler(ctx, err)
		case core.IsSignedOut(err):
			nethttp.WriteReply(ctx.Writer, c.SignInReply(req, err))
		default:
			fail(ctx, req, c, conf, err)
		}
	}
}

// OptionalRememberizer returns middleware for public pages that show who
// is signed in: the later handlers always run, with the session in the
// request context when there is one (core.UserFrom reports ok), and
// without it otherwise. Nothing is refused and nothing redirected. The
// response carries Vary: Cookie.
func OptionalRememberizer(c *core.Client) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		serve(ctx, c.ProtectOptional(nethttp.NewRequest(ctx.Writer, ctx.Request)))
	}
}

// serve runs the rest of the chain with the session in the request
// context and a writer that ends the scope before the headers go out,
// and ends it when the chain returns (or panics).
func serve(ctx *gin.Context, sc *core.Scope) {
	w := &endingWriter{ResponseWriter: ctx.Writer, scope: sc}
	defer func() {
		sc.End()
		ctx.Writer = w.ResponseWriter
	}()
	ctx.Writer = w
	if rc := sc.Context(ctx.Request.Context()); rc != ctx.Request.Context() {
		ctx.Request = ctx.Request.WithContext(rc)
	}
	ctx.Next()
}
