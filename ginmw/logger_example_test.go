package ginmw_test

import (
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
)

// The access log keeps every query but the callback's, which holds the
// authorization code and the state.
func ExampleLoggerWithConfig() {
	key := make([]byte, core.KeySize)
	if _, err := rand.Read(key); err != nil {
		panic(err)
	}
	c, err := core.New(core.Config{
		ClientID:     "my-client-id",
		ClientSecret: "my-client-secret",
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key},
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		panic(err)
	}

	r := gin.New()
	r.Use(ginmw.LoggerWithConfig(c, gin.LoggerConfig{Output: os.Stdout, Formatter: func(p gin.LogFormatterParams) string {
		return fmt.Sprintf("%s %s %d\n", p.Method, p.Path, p.StatusCode)
	}}), gin.Recovery())
	ginmw.Mount(r, c)
	r.GET("/search", func(ctx *gin.Context) { ctx.String(http.StatusOK, "results") })

	for _, target := range []string{"/search?q=notes", "/auth/rememberizer/callback?code=abc&state=xyz"} {
		r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", target, nil))
	}
	// Output:
	// GET /search?q=notes 200
	// GET /auth/rememberizer/callback 400
}
