package fibermw

import "github.com/gofiber/fiber/v2"

// Config holds the optional hooks of [Mount] and [RequireRememberizer].
// The zero value uses core's defaults.
type Config struct {
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

func configFrom(cfg []Config) Config {
	if len(cfg) > 0 {
		return cfg[0]
	}
	return Config{}
}
