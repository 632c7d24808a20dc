package ginmw_test

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/rememberizertest"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// A Gin app is an http.Handler, so rememberizertest/apptest serves it and
// signs browsers in to it as it does a net/http app (apptest's own tests
// cover net/http; this is the Gin half of its TestSignIn). The usual Gin
// constructor, returning *gin.Engine, fits apptest.Start as it is.

var apptestUsers = rememberizertest.Config{Users: []rememberizertest.User{
	{ID: "1", Email: "ada@example.com", Name: "Ada Lovelace"},
	{ID: "2", Email: "grace@example.com", Name: "Grace Hopper"},
}}

// apptestGinApp is a Gin app with a protected /dashboard greeting the
// user.
func apptestGinApp(cfg core.Config) (*gin.Engine, error) {
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	r := gin.New()
	ginmw.Mount(r, c)
	r.GET("/dashboard", ginmw.RequireRememberizer(c), func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		ctx.String(http.StatusOK, "Hello, %s", user.Name)
	})
	return r, nil
}

func TestApptestSignIn(t *testing.T) {
	t.Parallel()
	app := apptest.Start(t, apptestGinApp, apptestUsers)
	for _, tt := range []struct{ id, want string }{{"2", "Hello, Grace Hopper"}, {"1", "Hello, Ada Lovelace"}} {
		status, body, err := app.Get(app.SignIn(t, tt.id), "/dashboard")
		if err != nil || status != http.StatusOK || body != tt.want {
			t.Errorf("user %s: got %d %q (%v), want 200 %q", tt.id, status, body, err, tt.want)
		}
	}
	if status, _, err := app.Get(http.DefaultClient, "/dashboard"); err != nil || status != http.StatusUnauthorized {
		t.Errorf("a browser that did not sign in: got %d (%v), want 401", status, err)
	}
	if n := app.Fake.TokenCalls(); n != 2 {
		t.Errorf("got %d token calls, want 2 (one per sign-in)", n)
	}
}
