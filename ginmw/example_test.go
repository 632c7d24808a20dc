package ginmw_test

import (
	"fmt"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// A Gin app with a protected page, and a browser that signed in at the
// fake Rememberizer asking for it.
func Example() {
	// apptest starts a fake Rememberizer and hands the app the core.Config
	// that signs in there; in production the config comes from your
	// environment, as the package documentation shows.
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		r := gin.New()
		ginmw.Mount(r, c)
		r.GET("/dashboard", ginmw.RequireRememberizer(c), func(ctx *gin.Context) {
			user, _ := core.UserFrom(ctx.Request.Context())
			ctx.String(http.StatusOK, "Hello, %s <%s>", user.Name, user.Email)
		})
		return r, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()

	browser, err := app.Browser("42") // login → Rememberizer → callback
	if err != nil {
		log.Fatal(err)
	}
	status, body, err := app.Get(browser, "/dashboard")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(status, body)
	// Output: 200 Hello, Ada Lovelace <ada@example.com>
}
