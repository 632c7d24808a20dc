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

// dashboardApp builds the Gin app from its config. In production the config
// comes from your environment, as the package documentation shows; here
// apptest hands it one that signs in at a fake Rememberizer.
func dashboardApp(cfg core.Config) (http.Handler, error) {
	r := gin.New() // not gin.Default: its logger writes the callback's code and state
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	ginmw.Mount(r, c)
	r.GET("/dashboard", ginmw.RequireRememberizer(c), func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		ctx.String(http.StatusOK, "Hello, %s <%s>", user.Name, user.Email)
	})
	return r, nil
}

// A Gin app with a protected page, and a browser that signed in at the
// fake Rememberizer asking for it.
func Example() {
	app, err := apptest.New(dashboardApp)
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
