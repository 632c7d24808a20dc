package nethttp

import (
	"net/http"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Config holds the optional hooks of [Mount], [Handler],
// [RequireRememberizer] and [OptionalRememberizer]. The zero value uses
// core's defaults.
type Config struct {
	// ErrorHandler answers a request whose auth operation failed (a bad
	// callback, a store failure, a refresh that cannot be done now). err
	// wraps one of core's sentinels (every callback failure wraps
	// core.ErrSignIn) or is a *core.ProviderError; core.ErrorPageFor(err)
	// gives its status and the fixed text to show. Optional. Default:
	// core's answer (a fixed HTML or JSON message, logged).
	ErrorHandler func(w http.ResponseWriter, r *http.Request, err error)

	// UnauthorizedHandler answers a request RequireRememberizer refused
	// because the browser is signed out; err wraps core.ErrNotSignedIn.
	// Optional. Default: core's answer (302 to the login route for a
	// browser navigation, 401 JSON for an API call).
	UnauthorizedHandler func(w http.ResponseWriter, r *http.Request, err error)
}

func configFrom(cfg []Config) Config {
	if len(cfg) > 0 {
		return cfg[0]
	}
	return Config{}
}

// hooks tells core which hooks conf has.
func (conf Config) hooks() adapter.Hooks {
	return adapter.Hooks{Unauthorized: conf.UnauthorizedHandler != nil, Error: conf.ErrorHandler != nil}
}

// refuse does what o says when it has no scope: call a hook, or write
// core's reply.
func (conf Config) refuse(w http.ResponseWriter, r *http.Request, o adapter.Outcome) {
	switch o.Hook {
	case adapter.UnauthorizedHook:
		conf.UnauthorizedHandler(w, r, o.Err)
	case adapter.ErrorHook:
		conf.ErrorHandler(w, r, o.Err)
	default:
		adapter.WriteHTTP(w, o.Reply)
	}
}
