package ginmw_test

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/internal/docusage"
)

// TestPackageDocUsage runs the package documentation's usage: a visitor
// asking for the dashboard is sent to sign in, and the login route sends
// them on to Rememberizer with the app's client id.
func TestPackageDocUsage(t *testing.T) {
	c := docusage.Client(t)
	dashboard := func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		ctx.String(http.StatusOK, "Hello, %s", user.Name)
	}

	r := gin.New() // not gin.Default: its logger writes the callback's code and state
	r.Use(ginmw.Logger(c), gin.Recovery())
	ginmw.Mount(r, c) // GET login, GET callback, POST logout
	app := r.Group("/app", ginmw.RequireRememberizer(c))
	app.GET("/dashboard", dashboard)

	docusage.ExpectSignInRedirect(t, c, "/app/dashboard", docusage.Handler(r))
}
