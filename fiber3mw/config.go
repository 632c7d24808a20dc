package fiber3mw

import (
	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Config holds the optional hooks of [Mount], [Handler],
// [RequireRememberizer] and [OptionalRememberizer]. The zero value uses
// core's defaults: no Next, and core's own error and sign-in answers.
type Config struct {
	// Next, when it returns true, skips this handler for the request:
	// c.Next() is called and nothing else is done, as with Fiber's own
	// middleware.
	//
	// Optional. Default: nil (never skip).
	Next func(c fiber.Ctx) bool

	// ErrorHandler answers a request whose auth operation failed (a bad
	// callback, a store failure, a refresh that cannot be done now). err
	// wraps one of core's sentinels (every callback failure wraps
	// core.ErrSignIn) or is a *core.ProviderError; core.ErrorPageFor(err)
	// gives its status and the fixed text to show. An error it returns
	// goes to the app's fiber.Config.ErrorHandler.
	//
	// Optional. Default: core's answer (a fixed HTML or JSON message,
	// logged).
	ErrorHandler func(c fiber.Ctx, err error) error

	// UnauthorizedHandler answers a request RequireRememberizer refused
	// because the browser is signed out; err wraps core.ErrNotSignedIn.
	// An error it returns goes to the app's fiber.Config.ErrorHandler.
	//
	// Optional. Default: core's answer (302 to the login route for a
	// browser navigation, 401 JSON for an API call).
	UnauthorizedHandler func(c fiber.Ctx, err error) error
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
func (conf Config) refuse(c fiber.Ctx, o adapter.Outcome) error {
	switch o.Hook {
	case adapter.UnauthorizedHook:
		return conf.UnauthorizedHandler(c, o.Err)
	case adapter.ErrorHook:
		return conf.ErrorHandler(c, o.Err)
	}
	return write(c, o.Reply)
}
