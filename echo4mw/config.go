package echo4mw

import (
	"github.com/labstack/echo/v4"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Config holds the optional hooks of [Mount], [Handler],
// [RequireRememberizer] and [OptionalRememberizer]. The zero value uses
// core's defaults: no Skipper, and core's own error and sign-in answers.
type Config struct {
	// Skipper, when it returns true, skips this handler for the request:
	// the next handler is called and nothing else is done, as with Echo's
	// own middleware.
	//
	// Optional. Default: nil (never skip).
	Skipper func(c echo.Context) bool

	// ErrorHandler answers a request whose auth operation failed (a bad
	// callback, a store failure, a refresh that cannot be done now). err
	// wraps one of core's sentinels (every callback failure wraps
	// core.ErrSignIn) or is a *core.ProviderError; core.ErrorPageFor(err)
	// gives its status and the fixed text to show. An error it returns
	// goes to the app's Echo.HTTPErrorHandler.
	//
	// Optional. Default: core's answer (a fixed HTML or JSON message,
	// logged).
	ErrorHandler func(c echo.Context, err error) error

	// UnauthorizedHandler answers a request RequireRememberizer refused
	// because the browser is signed out; err wraps core.ErrNotSignedIn.
	// An error it returns goes to the app's Echo.HTTPErrorHandler.
	//
	// Optional. Default: core's answer (302 to the login route for a
	// browser navigation, 401 JSON for an API call).
	UnauthorizedHandler func(c echo.Context, err error) error
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

// skip reports whether conf.Skipper skips c.
func (conf Config) skip(c echo.Context) bool {
	return conf.Skipper != nil && conf.Skipper(c)
}

// refuse does what o says when it has no scope: call a hook, whose error
// goes to Echo's HTTPErrorHandler, or write core's reply.
func (conf Config) refuse(c echo.Context, o adapter.Outcome) error {
	switch o.Hook {
	case adapter.UnauthorizedHook:
		return conf.UnauthorizedHandler(c, o.Err)
	case adapter.ErrorHook:
		return conf.ErrorHandler(c, o.Err)
	}
	adapter.WriteHTTP(c.Response(), o.Reply)
	return nil
}

// request is core's view of c's request and response.
func request(c echo.Context) *adapter.HTTPRequest {
	return &adapter.HTTPRequest{W: c.Response(), R: c.Request()}
}
