package fibermw

import "github.com/gofiber/fiber/v2"

// Config holds the optional hooks of [Mount] and [RequireRememberizer].
// The zero value uses core's defaults; see [ConfigDefault].
type Config struct {
	// Next, when it returns true, skips this handler for the request:
	// c.Next() is called and nothing else is done, as with Fiber's own
	// middleware.
	//
	// Optional. Default: nil (never skip).
	Next func(c *fiber.Ctx) bool

	// ErrorHandler answers a request whose auth operation failed (a bad
	// callback, a store failure, a refresh that cannot be done now). err
	// wraps one of core's sentinels or is a *core.ProviderError; map it
	// with core.StatusFor and show only core.MessageFor's text. An error
	// it returns goes to the app's fiber.Config.ErrorHandler.
	//
	// Optional. Default: core's ErrorReply (a fixed HTML or JSON message,
	// logged).
	ErrorHandler func(c *fiber.Ctx, err error) error

	// UnauthorizedHandler answers a request RequireRememberizer refused
	// because the browser is signed out; err wraps core.ErrNotSignedIn.
	// An error it returns goes to the app's fiber.Config.ErrorHandler.
	//
	// Optional. Default: core's SignInReply (302 to the login route for a
	// browser navigation, 401 JSON for an API call).
	UnauthorizedHandler func(c *fiber.Ctx, err error) error
}

// ConfigDefault is the configuration used when none is given: no Next,
// and core's own error and sign-in replies. A Config passed in gets
// ConfigDefault's value for each hook it leaves nil. Treat it as read-only;
// build your own Config instead of changing it.
var ConfigDefault = Config{
	Next:                nil,
	ErrorHandler:        nil,
	UnauthorizedHandler: nil,
}

// configFrom returns the first config given, with ConfigDefault's hooks
// where it has none, or ConfigDefault.
func configFrom(cfg []Config) Config {
	if len(cfg) == 0 {
		return ConfigDefault
	}
	c := cfg[0]
	if c.Next == nil {
		c.Next = ConfigDefault.Next
	}
	if c.ErrorHandler == nil {
		c.ErrorHandler = ConfigDefault.ErrorHandler
	}
	if c.UnauthorizedHandler == nil {
		c.UnauthorizedHandler = ConfigDefault.UnauthorizedHandler
	}
	return c
}
