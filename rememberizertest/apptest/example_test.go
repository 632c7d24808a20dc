package apptest_test

import (
	"fmt"
	"log"
	"log/slog"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
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
	mux.Handle("GET /dashboard", nethttp.RequireRememberizer(c)(http.HandlerFunc(dashboard)))
	return mux, nil
}

// dashboard greets the signed-in user.
func dashboard(w http.ResponseWriter, r *http.Request) {
	user, _ := core.UserFrom(r.Context())
	fmt.Fprintf(w, "Hello, %s", user.Name)
}

// Two users sign in to the app, each in a browser of their own.
func Example() {
	// In a test: app := apptest.Start(t, newApp, ...); browser := app.SignIn(t, "1").
	app, err := apptest.New(newApp, rememberizertest.Config{Users: []rememberizertest.User{
		{ID: "1", Email: "ada@example.com", Name: "Ada Lovelace"},
		{ID: "2", Email: "grace@example.com", Name: "Grace Hopper"},
	}})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()

	for _, userID := range []string{"1", "2"} {
		browser, err := app.Browser(userID)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(app.Get(browser, "/dashboard"))
	}
	fmt.Println(app.Get(http.DefaultClient, "/dashboard")) // a visitor who did not sign in
	fmt.Println("token calls:", app.Fake.TokenCalls())
	// Output:
	// 200 Hello, Ada Lovelace <nil>
	// 200 Hello, Grace Hopper <nil>
	// 401 {"error":"not_signed_in","message":"You are not signed in."} <nil>
	// token calls: 2
}
