package ginmw_test

import (
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// An app whose access log never shows a callback's code and state: a
// browser signs in at the fake Rememberizer and opens its dashboard. (The
// request log goes to gin.DefaultWriter, which this package's tests
// discard, so the output is the page alone.)
func ExampleLogger() {
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		r := gin.New()
		r.Use(ginmw.Logger(c), gin.Recovery())
		ginmw.Mount(r, c)
		r.GET("/dashboard", ginmw.RequireRememberizer(c), func(ctx *gin.Context) {
			user, _ := core.UserFrom(ctx.Request.Context())
			ctx.String(http.StatusOK, "Hello, %s", user.Name)
		})
		return r, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()

	browser, err := app.Browser("42")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(app.Get(browser, "/dashboard"))
	// Output: 200 Hello, Ada Lovelace <nil>
}

// The access log keeps every query but the callback's, which holds the
// authorization code and the state.
func ExampleLoggerWithConfig() {
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		cfg.Logger = slog.New(slog.DiscardHandler) // only the access log, below
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		r := gin.New()
		r.Use(ginmw.LoggerWithConfig(c, gin.LoggerConfig{Output: os.Stdout, Formatter: func(p gin.LogFormatterParams) string {
			return fmt.Sprintf("%s %s %d\n", p.Method, p.Path, p.StatusCode)
		}}), gin.Recovery())
		ginmw.Mount(r, c)
		r.GET("/search", func(ctx *gin.Context) { ctx.String(http.StatusOK, "results") })
		return r, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()

	for _, path := range []string{"/search?q=notes", "/auth/rememberizer/callback?code=abc&state=xyz"} {
		if _, _, err := app.Get(http.DefaultClient, path); err != nil {
			log.Fatal(err)
		}
	}
	// Output:
	// GET /search?q=notes 200
	// GET /auth/rememberizer/callback 400
}
