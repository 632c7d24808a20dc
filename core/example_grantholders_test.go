package core_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// A worker that finds whose grants exist, with no list of its own, and
// calls Rememberizer for each of them.
func ExampleClient_GrantHolders() {
	grants := core.NewMemoryStore() // one process; redisstore for several
	var c *core.Client
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		cfg.GrantStore = grants
		var err error
		if c, err = core.New(cfg); err != nil {
			return nil, err
		}
		return nethttp.Handler(c), nil
	}, rememberizertest.Config{Users: []rememberizertest.User{
		{ID: "42", Email: "ada@example.com", Name: "Ada"},
		{ID: "7", Email: "grace@example.com", Name: "Grace"},
	}})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()
	for _, id := range []string{"42", "7"} { // both sign in once
		if _, err := app.Browser(id); err != nil {
			log.Fatal(err)
		}
	}

	if err := everyone(context.Background(), c); err != nil {
		log.Fatal(err)
	}
	// Unordered output:
	// 42 has 3 mementos
	// 7 has 3 mementos
}

// everyone runs work for every user whose grant the store holds.
func everyone(ctx context.Context, c *core.Client) error {
	for userID, err := range c.GrantHolders(ctx) {
		if err != nil {
			return err // core.ErrStore: list again later
		}
		if err := work(ctx, c, userID); err != nil {
			return err
		}
	}
	return nil
}

// work calls Rememberizer as the user.
func work(ctx context.Context, c *core.Client, userID string) error {
	rc, err := c.APIFor(ctx, userID)
	if err != nil {
		return err // core.ErrNoGrant: the grant went since it was listed
	}
	mementos, err := rc.Mementos(ctx)
	if errors.Is(err, core.ErrGrantRevoked) {
		return nil // the user disconnected the app
	}
	if err != nil {
		return err
	}
	fmt.Println(userID, "has", len(mementos), "mementos")
	return nil
}
