package apptest_test

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// newApp is the app under test: what a main package would build.
func newApp(cfg core.Config) (http.Handler, error) {
	cfg.Logger = slog.New(slog.DiscardHandler)
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("GET /dashboard", nethttp.RequireRememberizer(c)(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			user, _ := core.UserFrom(r.Context())
			fmt.Fprintf(w, "Hello, %s", user.Name)
		})))
	return mux, nil
}

func Example() {
	// In a test: app := apptest.Start(t, newApp); browser := app.SignIn(t, "42").
	app, err := apptest.New(newApp)
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()
	browser, err := app.Browser("42")
	if err != nil {
		log.Fatal(err)
	}
	resp, err := browser.Get(app.URL + "/dashboard")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body))
	// Output: 200 Hello, Ada Lovelace
}
