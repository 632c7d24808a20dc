package consumertest

import (
	"net/http"

	fiber3 "github.com/gofiber/fiber/v3"
	echo4 "github.com/labstack/echo/v4"
	"github.com/labstack/echo/v5"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/echo4mw"
	"github.com/rzauth/rememberizer-go/echo5mw"
	"github.com/rzauth/rememberizer-go/fiber3mw"
)

// NewFiber3App is the app on Fiber v3.
func NewFiber3App(cfg core.Config) (*fiber3.App, error) {
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	app := fiber3.New(fiber3.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
	fiber3mw.Mount(app, c)
	app.Get("/dashboard", fiber3mw.RequireRememberizer(c), func(ctx fiber3.Ctx) error {
		user, _ := core.UserFrom(ctx)
		return ctx.SendString(greeting(user))
	})
	return app, nil
}

// NewEcho5App is the app on Echo v5.
func NewEcho5App(cfg core.Config) (http.Handler, error) {
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	e := echo.New()
	echo5mw.Mount(e, c)
	e.GET("/dashboard", func(ctx *echo.Context) error {
		user, _ := core.UserFrom(ctx.Request().Context())
		return ctx.String(http.StatusOK, greeting(user))
	}, echo5mw.RequireRememberizer(c))
	return e, nil
}

// NewEcho4App is the app on Echo v4.
func NewEcho4App(cfg core.Config) (http.Handler, error) {
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	e := echo4.New()
	e.HideBanner = true
	echo4mw.Mount(e, c)
	e.GET("/dashboard", func(ctx echo4.Context) error {
		user, _ := core.UserFrom(ctx.Request().Context())
		return ctx.String(http.StatusOK, greeting(user))
	}, echo4mw.RequireRememberizer(c))
	return e, nil
}
