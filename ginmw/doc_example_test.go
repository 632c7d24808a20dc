package ginmw_test

import (
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
)

// TestPackageDocUsage runs the package documentation's usage with the
// environment a deployment sets: a visitor asking for the dashboard is
// sent to sign in, and the login route sends them on to Rememberizer with
// the app's client id.
func TestPackageDocUsage(t *testing.T) {
	t.Setenv("REMEMBERIZER_CLIENT_ID", "my-client-id")
	t.Setenv("REMEMBERIZER_CLIENT_SECRET", "my-client-secret")
	key, err := core.NewSessionKey()
	if err != nil {
		t.Fatal(err)
	}
	dashboard := func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		ctx.String(http.StatusOK, "Hello, %s", user.Name)
	}

	c, err := core.New(core.Config{
		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key}, // 32 random bytes
	})
	if err != nil {
		log.Fatal(err)
	}
	r := gin.New() // not gin.Default: its logger writes the callback's code and state
	r.Use(ginmw.Logger(c), gin.Recovery())
	ginmw.Mount(r, c) // GET login, GET callback, POST logout
	app := r.Group("/app", ginmw.RequireRememberizer(c))
	app.GET("/dashboard", dashboard)

	page := "/app/dashboard"
	req := httptest.NewRequest(http.MethodGet, "https://app.example.com"+page, nil)
	req.Header.Set("Accept", "text/html")
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusFound && rec.Code != http.StatusSeeOther || !strings.Contains(loc, c.LoginPath()) {
		t.Fatalf("GET %s: got %d to %q, want a redirect to the login route", page, rec.Code, loc)
	}
	rec = httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, loc, nil))
	u, err := url.Parse(rec.Header().Get("Location"))
	if err != nil || u.Host != "api.rememberizer.ai" || u.Query().Get("client_id") != "my-client-id" {
		t.Errorf("GET %s: got %d to %q, want a redirect to Rememberizer with client_id my-client-id", loc, rec.Code, u)
	}
}
