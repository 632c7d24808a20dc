package conformance_test

import (
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/echo4mw"
)

// serveEcho4 is the Echo v4 driver of the behaviour suite. Echo routes
// HEAD apart from GET, as Gin does, so the app registers both.
func serveEcho4(t *testing.T, c *core.Client, ln net.Listener, suite *adaptertest.App) {
	e := echo.New()
	cfg := hookConfigEcho4(suite.Hooks)
	protect := echo4mw.RequireRememberizer(c, cfg...)
	if suite.Wiring == adaptertest.Global {
		e.Use(protect)
		protect = func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	if suite.Wiring != adaptertest.Unmounted {
		echo4mw.Mount(e, c, cfg...)
	}
	e.Match(getHead, "/public", func(ctx echo.Context) error { return ctx.String(http.StatusOK, "public") })
	e.Match(getHeadPost, "/private", func(ctx echo.Context) error {
		u, _ := core.UserFrom(ctx.Request().Context())
		return ctx.String(http.StatusOK, "user="+u.ID+" email="+u.Email)
	}, protect)
	e.Match(getHead, "/api/me", func(ctx echo.Context) error {
		u, _ := core.UserFrom(ctx.Request().Context())
		return ctx.JSON(http.StatusOK, map[string]string{"id": u.ID, "email": u.Email, "name": u.Name})
	}, protect)
	e.Match(getHead, "/mementos", func(ctx echo.Context) error {
		status, body := adaptertest.Mementos(ctx.Request().Context(), c)
		return ctx.String(status, body)
	}, protect)
	e.GET("/detach", func(ctx echo.Context) error {
		suite.StartDetached(ctx.Request().Context(), c)
		return ctx.String(http.StatusOK, "started")
	}, protect)
	e.GET("/cached", func(ctx echo.Context) error {
		ctx.Response().Header().Set("Cache-Control", "public, max-age=300")
		return ctx.String(http.StatusOK, "cached")
	}, protect)
	// Echo writes the headers at WriteHeader: the Cache-Control set after
	// it is not sent, and the session's headers are only sent if the
	// request's view ended before (Response.Before).
	e.GET("/cached-after-status", func(ctx echo.Context) error {
		ctx.Response().WriteHeader(http.StatusOK)
		ctx.Response().Header().Set("Cache-Control", "public, max-age=300")
		_, err := io.WriteString(ctx.Response(), "cached")
		return err
	}, protect)
	e.GET("/optional", func(ctx echo.Context) error {
		u, _ := core.UserFrom(ctx.Request().Context())
		ctx.Response().Header().Set("Cache-Control", "public, max-age=300")
		return ctx.String(http.StatusOK, "optional:"+u.ID)
	}, echo4mw.OptionalRememberizer(c))
	e.GET("/unwrapped", func(ctx echo.Context) error {
		status, body := adaptertest.Mementos(ctx.Request().Context(), c)
		return ctx.String(status, body)
	})
	e.GET("/visitor", func(ctx echo.Context) error {
		suite.ReleaseDetached()
		return ctx.String(http.StatusOK, "visitor")
	})
	srv := &http.Server{Handler: e}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// hookConfigEcho4 is the Config of an app with the suite's recording
// hooks. They return an *echo.HTTPError, which Echo's HTTPErrorHandler
// answers: a hook's error goes where the app's other errors go.
func hookConfigEcho4(hooks *adaptertest.Hooks) []echo4mw.Config {
	if hooks == nil {
		return nil
	}
	cfg := echo4mw.Config{ErrorHandler: func(_ echo.Context, err error) error {
		hooks.Error(err)
		return echo.NewHTTPError(adaptertest.HookStatus, core.ErrorPageFor(err).Slug)
	}}
	if hooks.WithUnauthorized {
		cfg.UnauthorizedHandler = func(_ echo.Context, err error) error {
			hooks.Unauthorized(err)
			return echo.NewHTTPError(adaptertest.HookStatus, core.ErrorPageFor(err).Slug)
		}
	}
	return []echo4mw.Config{cfg}
}

// TestEcho4 runs every scenario under every store configuration on Echo
// v4.
func TestEcho4(t *testing.T) {
	adaptertest.Run(t, serveEcho4, setups(t)...)
}

// TestEcho4HTTP2 is TestEcho4 over HTTP/2.
func TestEcho4HTTP2(t *testing.T) {
	adaptertest.RunHTTP2(t, serveEcho4, setups(t)...)
}
