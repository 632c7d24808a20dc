package fiber3mw

import (
	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// RequireRememberizer returns middleware that lets only signed-in browsers
// through. The next handlers find the session in the ctx itself and in
// its context: core.SessionFrom(c), core.UserFrom(c) (or with
// c.Context()), and call the Rememberizer API with client.API(c). Use it
// on a route, a group or the app:
//
//	app.Get("/dashboard", fiber3mw.RequireRememberizer(client), dashboard)
//	api := app.Group("/api", fiber3mw.RequireRememberizer(client))
//
// To protect everything, app.Use it, before or after [Mount]: the auth
// routes stay open to signed-out browsers, since the middleware lets
// requests for them through.
//
// A signed-out browser navigation is redirected to sign in and comes back
// to the page it asked for; a signed-out API call gets 401 JSON. A store
// failure or a refresh that cannot be done now goes to the error handler.
// In no failing case is c.Next called.
func RequireRememberizer(client *core.Client, cfg ...Config) fiber.Handler {
	conf := configFrom(cfg)
	eng, hooks := client.Adapter(), conf.hooks()
	return handler(conf, func(c fiber.Ctx, q *request) error {
		o := eng.Require(q, hooks)
		if o.Scope != nil {
			return serve(c, q, o.Scope)
		}
		return conf.refuse(c, o)
	})
}

// OptionalRememberizer returns middleware for public pages that show who
// is signed in: c.Next is always called, with the session in the ctx when
// there is one (core.UserFrom(c) reports ok), and without it otherwise.
// Nothing is refused and nothing redirected. The response carries Vary:
// Cookie. Of cfg, only Next is used.
func OptionalRememberizer(client *core.Client, cfg ...Config) fiber.Handler {
	eng := client.Adapter()
	return handler(configFrom(cfg), func(c fiber.Ctx, q *request) error {
		return serve(c, q, eng.Optional(q).Scope)
	})
}

// serve runs the next handlers with the session in c's context and under
// core's key among c's values, and ends the request's view when they
// return (or panic).
func serve(c fiber.Ctx, q *request, sc adapter.Scope) error {
	defer sc.End()
	uc := c.Context()
	if ctx := sc.Context(uc); ctx != uc {
		q.closeWithRequest(c)
		c.SetContext(ctx)
		c.Locals(sc.Key(), ctx)
	}
	return c.Next()
}
