package core_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// A worker that calls Rememberizer for each user who signed in, with no
// request: the grant store keeps each user's tokens, and every instance
// of the app (and the worker process) shares them.
func ExampleClient_HTTPClientFor() {
	fake := rememberizertest.NewServer(rememberizertest.Config{}) // Rememberizer, offline
	defer fake.Close()
	grants := core.NewMemoryStore() // one process; redisstore for several

	key := make([]byte, core.KeySize)
	rand.Read(key)
	app := httptest.NewUnstartedServer(nil)
	c, err := core.New(core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  "http://" + app.Listener.Addr().String() + "/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key},
		BaseURL:      fake.URL,
		GrantStore:   grants,
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		log.Fatal(err)
	}
	app.Config.Handler = nethttp.Handler(c)
	app.Start()
	defer app.Close()
	signIn(app.URL + c.LoginPath()) // user 42 signs in once, in a browser

	// The worker loop, e.g. every night.
	ctx := context.Background()
	for _, userID := range []string{"42", "7"} {
		hc, err := c.HTTPClientFor(ctx, userID)
		switch {
		case errors.Is(err, core.ErrNoGrant):
			fmt.Println(userID, "has not signed in")
			continue
		case err != nil:
			log.Fatal(err)
		}
		resp, err := hc.Get(c.APIURL("mementos/"))
		switch {
		case errors.Is(err, core.ErrGrantRevoked):
			fmt.Println(userID, "disconnected the app")
			continue
		case err != nil:
			log.Fatal(err) // e.g. core.ErrRefreshUnavailable: try later
		}
		resp.Body.Close()
		fmt.Println(userID, resp.Status)
	}

	fake.Disconnect("42") // the user cuts the app off in Rememberizer
	fake.ExpireAccessTokens()
	hc, _ := c.HTTPClientFor(ctx, "42")
	_, err = hc.Get(c.APIURL("mementos/"))
	fmt.Println(errors.Is(err, core.ErrGrantRevoked))
	_, err = c.HTTPClientFor(ctx, "42")
	fmt.Println(errors.Is(err, core.ErrNoGrant))
	// Output:
	// 42 200 OK
	// 7 has not signed in
	// true
	// true
}

// signIn walks a browser through sign-in (the fake approves at once).
func signIn(loginURL string) {
	jar, _ := cookiejar.New(nil)
	resp, err := (&http.Client{Jar: jar}).Get(loginURL)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
}
