package consumertest

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fibermw"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// greeting is what every app's /dashboard answers a signed-in user.
func greeting(u core.User) string { return "Hello, " + u.Name }

// NewNetHTTPApp is the app on net/http.
func NewNetHTTPApp(cfg core.Config) (http.Handler, error) {
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("GET /dashboard", nethttp.RequireRememberizer(c)(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			user, _ := core.UserFrom(r.Context())
			_, _ = w.Write([]byte(greeting(user)))
		})))
	return mux, nil
}

// NewGinApp is the app on Gin.
func NewGinApp(cfg core.Config) (http.Handler, error) {
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	r := gin.New()
	r.Use(gin.Recovery())
	ginmw.Mount(r, c)
	r.GET("/dashboard", ginmw.RequireRememberizer(c), func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		ctx.String(http.StatusOK, greeting(user))
	})
	return r, nil
}

// NewFiberApp is the app on Fiber.
func NewFiberApp(cfg core.Config) (*fiber.App, error) {
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	app := fiber.New(fiber.Config{ReadBufferSize: fibermw.ReadBufferSize, DisableStartupMessage: true})
	fibermw.Mount(app, c)
	app.Get("/dashboard", fibermw.RequireRememberizer(c), func(ctx *fiber.Ctx) error {
		user, _ := core.UserFrom(ctx.UserContext())
		return ctx.SendString(greeting(user))
	})
	return app, nil
}
