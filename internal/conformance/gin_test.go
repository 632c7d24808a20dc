package conformance_test

import (
	"net"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/ginmw"
)

// Gin routes HEAD apart from GET; net/http's GET patterns take both, so
// the app registers both, as a Gin app serving the same pages would.
var (
	getHead     = []string{http.MethodGet, http.MethodHead}
	getHeadPost = []string{http.MethodGet, http.MethodHead, http.MethodPost}
)

// serveGin is the Gin driver of the behaviour suite.
func serveGin(t *testing.T, c *core.Client, ln net.Listener, suite *adaptertest.App) {
	r := gin.New()
	cfg := hookConfigGin(suite.Hooks)
	protect := ginmw.RequireRememberizer(c, cfg...)
	if suite.Wiring == adaptertest.Global {
		r.Use(protect)
		protect = func(ctx *gin.Context) { ctx.Next() }
	}
	if suite.Wiring != adaptertest.Unmounted {
		ginmw.Mount(r, c, cfg...)
	}
	r.Match(getHead, "/public", func(ctx *gin.Context) { ctx.String(http.StatusOK, "public") })
	r.Match(getHeadPost, "/private", protect, func(ctx *gin.Context) {
		u, _ := core.UserFrom(ctx.Request.Context())
		ctx.String(http.StatusOK, "user="+u.ID+" email="+u.Email)
	})
	r.Match(getHead, "/api/me", protect, func(ctx *gin.Context) {
		u, _ := core.UserFrom(ctx.Request.Context())
		ctx.JSON(http.StatusOK, map[string]string{"id": u.ID, "email": u.Email, "name": u.Name})
	})
	r.Match(getHead, "/mementos", protect, func(ctx *gin.Context) {
		status, body := adaptertest.Mementos(ctx.Request.Context(), c)
		ctx.String(status, body)
	})
	r.GET("/detach", protect, func(ctx *gin.Context) {
		// Gin's documented pattern for goroutines: a copy of the context.
		suite.StartDetached(ctx.Copy().Request.Context(), c)
		ctx.String(http.StatusOK, "started")
	})
	r.GET("/cached", protect, func(ctx *gin.Context) {
		ctx.Header("Cache-Control", "public, max-age=300")
		ctx.String(http.StatusOK, "cached")
	})
	r.GET("/cached-after-status", protect, func(ctx *gin.Context) {
		ctx.Status(http.StatusOK)
		ctx.Header("Cache-Control", "public, max-age=300")
		ctx.Writer.WriteString("cached")
	})
	r.GET("/optional", ginmw.OptionalRememberizer(c), func(ctx *gin.Context) {
		u, _ := core.UserFrom(ctx.Request.Context())
		ctx.Header("Cache-Control", "public, max-age=300")
		ctx.String(http.StatusOK, "optional:"+u.ID)
	})
	r.GET("/unwrapped", func(ctx *gin.Context) {
		status, body := adaptertest.Mementos(ctx.Request.Context(), c)
		ctx.String(status, body)
	})
	r.GET("/visitor", func(ctx *gin.Context) {
		suite.ReleaseDetached()
		ctx.String(http.StatusOK, "visitor")
	})
	srv := &http.Server{Handler: r}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// hookConfigGin is the Config of an app with the suite's recording hooks.
func hookConfigGin(hooks *adaptertest.Hooks) []ginmw.Config {
	if hooks == nil {
		return nil
	}
	cfg := ginmw.Config{ErrorHandler: func(ctx *gin.Context, err error) {
		hooks.Error(err)
		ctx.String(adaptertest.HookStatus, core.ErrorPageFor(err).Slug)
	}}
	if hooks.WithUnauthorized {
		cfg.UnauthorizedHandler = func(ctx *gin.Context, err error) {
			hooks.Unauthorized(err)
			ctx.String(adaptertest.HookStatus, core.ErrorPageFor(err).Slug)
		}
	}
	return []ginmw.Config{cfg}
}

// TestGin runs every scenario under every store configuration on Gin.
func TestGin(t *testing.T) {
	adaptertest.Run(t, serveGin, setups(t)...)
}

// TestGinHTTP2 is TestGin over HTTP/2.
func TestGinHTTP2(t *testing.T) {
	adaptertest.RunHTTP2(t, serveGin, setups(t)...)
}
