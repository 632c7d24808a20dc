package core_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/rzauth/rememberizer-go/core"
)

func ExampleNew() {
	cfg := core.Config{
		ClientID:     "my-client-id",
		ClientSecret: "my-client-secret",
		RedirectURL:  "http://app.example.com/auth/rememberizer/callback",
	}
	// A session key is 32 random bytes from crypto/rand. In production, make
	// it once (openssl rand -base64 32), keep it in a secret store and read
	// it back with core.ParseSessionKeys, so sessions survive restarts.
	key, err := core.NewSessionKey()
	if err != nil {
		log.Fatal(err)
	}
	cfg.SessionKeys = [][]byte{key}
	_, err = core.New(cfg)
	fmt.Println(err)

	cfg.RedirectURL = "https://app.example.com/auth/rememberizer/callback"
	c, err := core.New(cfg)
	fmt.Println(err, c.LoginPath(), c.LogoutPath())
	// Output:
	// rememberizer: invalid config: RedirectURL "http://app.example.com/auth/rememberizer/callback" must be https (http is allowed only for localhost and loopback addresses)
	// <nil> /auth/rememberizer/login /auth/rememberizer/logout
}

func ExampleErrorPageFor() {
	for _, err := range []error{
		core.ErrStateMismatch,
		core.ErrSessionExpired,
		&core.ProviderError{Code: "access_denied", Stage: "callback"},
		core.ErrRefreshUnavailable,
	} {
		p := core.ErrorPageFor(err)
		fmt.Println(p.Status, errors.Is(err, core.ErrNotSignedIn), p.Message)
	}
	fmt.Println(errors.Is(core.ErrSessionExpired, core.ErrNotSignedIn))
	// Output:
	// 400 false This sign-in link is not valid in this browser. Please start again.
	// 401 true Your session has ended. Please sign in again.
	// 403 false Sign-in was cancelled.
	// 503 false The service is unavailable right now. Please try again shortly.
	// true
}
