package ginmw

import (
	"path"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
)

// Logger is Gin's access logger, gin.Logger, for an app that mounts c,
// except that it drops the query of c's callback route: the callback's
// query carries the authorization code and the state, which must never
// reach a log. gin.Default() installs gin.Logger, which logs them, so
// build the engine with gin.New() and this logger instead:
//
//	r := gin.New()
//	r.Use(ginmw.Logger(c), gin.Recovery())
//	ginmw.Mount(r, c)
func Logger(c *core.Client) gin.HandlerFunc {
	return LoggerWithConfig(c, gin.LoggerConfig{})
}

// LoggerWithConfig is [Logger] with Gin's logger options (Output,
// Formatter, SkipPaths, …). Requests for c's callback route are logged as
// if conf.SkipQueryString were set: a Formatter receives their Path
// without the query. A Formatter must not log Request.URL itself, which
// still holds it.
func LoggerWithConfig(c *core.Client, conf gin.LoggerConfig) gin.HandlerFunc {
	withQuery := gin.LoggerWithConfig(conf)
	conf.SkipQueryString = true
	withoutQuery := gin.LoggerWithConfig(conf)
	_, callback, _ := c.Adapter().Paths()
	return func(ctx *gin.Context) {
		// Cleaned, so that //callback or callback/ (which Gin redirects)
		// lose their query too.
		if p := ctx.Request.URL.Path; p == callback || path.Clean(p) == callback {
			withoutQuery(ctx)
			return
		}
		withQuery(ctx)
	}
}
