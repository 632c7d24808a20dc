package conformance_test

import (
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/labstack/echo/v5"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/echo5mw"
)

// serveEcho5 is the Echo v5 driver of the behaviour suite. Echo routes
// HEAD apart from GET, as Gin does, so the app registers both.
func serveEcho5(t *testing.T, c *core.Client, ln net.Listener, suite *adaptertest.App) {
	e := echo.New()
	cfg := hookConfigEcho5(suite.Hooks)
	protect := echo5mw.RequireRememberizer(c, cfg...)
	if suite.Wiring == adaptertest.Global {
		e.Use(protect)
		protect = func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	if suite.Wiring != adaptertest.Unmounted {
		echo5mw.Mount(e, c, cfg...)
	}
	e.Match(getHead, "/public", func(ctx *echo.Context) error { return ctx.String(http.StatusOK, "public") })
	e.Match(getHeadPost, "/private", func(ctx *echo.Context) error {
		u, _ := core.UserFrom(ctx.Request().Context())
		return ctx.String(http.StatusOK, "user="+u.ID+" email="+u.Email)
	}, protect)
	e.Match(getHead, "/api/me", func(ctx *echo.Context) error {
		u, _ := core.UserFrom(ctx.Request().Context())
		return ctx.JSON(http.StatusOK, map[string]string{"id": u.ID, "email": u.Email, "name": u.Name})
	}, protect)
	e.Match(getHead, "/mementos", func(ctx *echo.Context) error {
		status, body := adaptertest.Mementos(ctx.Request().Context(), c)
		return ctx.String(status, body)
	}, protect)
	e.GET("/detach", func(ctx *echo.Context) error {
		suite.StartDetached(ctx.Request().Context(), c)
		return ctx.String(http.StatusOK, "started")
	}, protect)
	e.GET("/cached", func(ctx *echo.Context) error {
		ctx.Response().Header().Set("Cache-Control", "public, max-age=300")
		return ctx.String(http.StatusOK, "cached")
	}, protect)
	// Echo writes the headers at WriteHeader: the Cache-Control set after
	// it is not sent, and the session's headers are only sent if the
	// request's view ended before (Response.Before).
	e.GET("/cached-after-status", func(ctx *echo.Context) error {
		ctx.Response().WriteHeader(http.StatusOK)
		ctx.Response().Header().Set("Cache-Control", "public, max-age=300")
		_, err := io.WriteString(ctx.Response(), "cached")
		return err
	}, protect)
	e.GET("/optional", func(ctx *echo.Context) error {
		u, _ := core.UserFrom(ctx.Request().Context())
		ctx.Response().Header().Set("Cache-Control", "public, max-age=300")
		return ctx.String(http.StatusOK, "optional:"+u.ID)
	}, echo5mw.OptionalRememberizer(c))
	e.GET("/unwrapped", func(ctx *echo.Context) error {
		status, body := adaptertest.Mementos(ctx.Request().Context(), c)
		return ctx.String(status, body)
	})
	e.GET("/visitor", func(ctx *echo.Context) error {
		suite.ReleaseDetached()
		return ctx.String(http.StatusOK, "visitor")
	})
	srv := &http.Server{Handler: e}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// hookConfigEcho5 is the Config of an app with the suite's recording
// hooks. They return an *echo.HTTPError, which Echo's HTTPErrorHandler
// answers: a hook's error goes where the app's other errors go.
func hookConfigEcho5(hooks *adaptertest.Hooks) []echo5mw.Config {
	if hooks == nil {
		return nil
	}
	cfg := echo5mw.Config{ErrorHandler: func(_ *echo.Context, err error) error {
		hooks.Error(err)
		return echo.NewHTTPError(adaptertest.HookStatus, core.ErrorPageFor(err).Slug)
	}}
	if hooks.WithUnauthorized {
		cfg.UnauthorizedHandler = func(_ *echo.Context, err error) error {
			hooks.Unauthorized(err)
			return echo.NewHTTPError(adaptertest.HookStatus, core.ErrorPageFor(err).Slug)
		}
	}
	return []echo5mw.Config{cfg}
}

// TestEcho5 runs every scenario under every store configuration on Echo
// v5.
func TestEcho5(t *testing.T) {
	adaptertest.Run(t, serveEcho5, setups(t)...)
}

// TestEcho5HTTP2 is TestEcho5 over HTTP/2.
func TestEcho5HTTP2(t *testing.T) {
	adaptertest.RunHTTP2(t, serveEcho5, setups(t)...)
}
