package demoenv_test

import (
	"fmt"
	"net/http"
	"os"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demoenv"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// config is the app's core.Config, from the settings.
func config(env *demoenv.Env) core.Config {
	return core.Config{
		ClientID:     env.ClientID,
		ClientSecret: env.ClientSecret,
		RedirectURL:  env.RedirectURL,
		SessionKeys:  env.SessionKeys,
		BaseURL:      env.BaseURL,
		Logger:       env.Logger,
	}
}

// start is an example app's start-up, as the package documentation shows
// it: the settings, the client, then what the settings mean.
func start() error {
	env, err := demoenv.Load(os.Stderr)
	if err != nil {
		return err
	}
	defer env.Close()
	c, err := core.New(config(env)) // config writes env's values into a core.Config
	if err != nil {
		return err
	}
	env.Announce(os.Stdout, os.Stderr) // demo mode, a random session key
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	return http.ListenAndServe(env.Addr, mux)
}

func Example() {
	if err := start(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
	}
}
