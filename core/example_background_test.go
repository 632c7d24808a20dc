package core_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// A worker that calls Rememberizer for each user who signed in, with no
// request: the grant store keeps each user's tokens, and every instance
// of the app (and the worker process) shares them.
func ExampleClient_APIFor() {
	grants := core.NewMemoryStore() // one process; redisstore for several

	// The app: apptest hands it a core.Config pointed at a fake
	// Rememberizer, offline; the app adds its grant store.
	var c *core.Client
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		cfg.GrantStore = grants
		var err error
		if c, err = core.New(cfg); err != nil {
			return nil, err
		}
		return nethttp.Handler(c), nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()
	if _, err := app.Browser("42"); err != nil { // user 42 signs in once, in a browser
		log.Fatal(err)
	}

	// The worker loop, e.g. every night.
	ctx := context.Background()
	for _, userID := range []string{"42", "7"} {
		rc, err := c.APIFor(ctx, userID) // a typed client on Config.BaseURL
		switch {
		case errors.Is(err, core.ErrNoGrant):
			fmt.Println(userID, "has not signed in")
			continue
		case err != nil:
			log.Fatal(err)
		}
		mementos, err := rc.Mementos(ctx)
		switch {
		case errors.Is(err, core.ErrGrantRevoked):
			fmt.Println(userID, "disconnected the app")
			continue
		case err != nil:
			log.Fatal(err) // e.g. core.ErrRefreshUnavailable: try later
		}
		fmt.Println(userID, "has", len(mementos), "mementos")
	}

	app.Fake.Disconnect("42") // the user cuts the app off in Rememberizer
	app.Fake.ExpireAccessTokens()
	rc, _ := c.APIFor(ctx, "42")
	_, err = rc.Mementos(ctx)
	fmt.Println(errors.Is(err, core.ErrGrantRevoked))
	_, err = c.APIFor(ctx, "42")
	fmt.Println(errors.Is(err, core.ErrNoGrant))
	// Output:
	// 42 has 3 mementos
	// 7 has not signed in
	// true
	// true
}
