package ginmw

import (
	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// RequireRememberizer returns middleware that lets only signed-in browsers
// through, for a route, a group (r.Group("/app", RequireRememberizer(c)))
// or a whole engine (r.Use). The handlers after it find the session in the
// request context: core.SessionFrom(ctx.Request.Context()),
// core.UserFrom(ctx.Request.Context()), and call the Rememberizer API with
// c.API(ctx.Request.Context()).
//
// A signed-out browser navigation is redirected to sign in and comes back
// to the page it asked for; a signed-out API call gets 401 JSON. A store
// failure or a refresh that cannot be done now goes to the error handler.
// In no failing case do the later handlers run: the chain is aborted.
//
// The request's view ends when the later handlers return or start writing
// the response, whichever comes first (see adapter.Scope.End): a goroutine
// started with ctx.Copy() that keeps the request's API client never writes
// to this response, nor to the next one Gin serves with the same writer.
func RequireRememberizer(c *core.Client, cfg ...Config) gin.HandlerFunc {
	conf := configFrom(cfg)
	eng, hooks := c.Adapter(), conf.hooks()
	return func(ctx *gin.Context) {
		o := eng.Require(&adapter.HTTPRequest{W: ctx.Writer, R: ctx.Request}, hooks)
		if o.Scope != nil {
			serve(ctx, o.Scope)
			return
		}
		ctx.Abort()
		conf.refuse(ctx, o)
	}
}

// OptionalRememberizer returns middleware for public pages that show who
// is signed in: the later handlers always run, with the session in the
// request context when there is one (core.UserFrom reports ok), and
// without it otherwise. Nothing is refused and nothing redirected. The
// response carries Vary: Cookie. cfg is accepted so that every middleware
// takes the same options; none of its hooks is called.
func OptionalRememberizer(c *core.Client, cfg ...Config) gin.HandlerFunc {
	eng := c.Adapter()
	return func(ctx *gin.Context) {
		serve(ctx, eng.Optional(&adapter.HTTPRequest{W: ctx.Writer, R: ctx.Request}).Scope)
	}
}

// serve runs the later handlers with the session in the request's context
// and a writer that ends the request's view before the headers go out, and
// ends it when they return (or panic), handing back Gin's own writer.
func serve(ctx *gin.Context, sc adapter.Scope) {
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
