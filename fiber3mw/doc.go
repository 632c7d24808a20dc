// Package fiber3mw adds "Sign in with Rememberizer" to a Fiber v3 app.
// Given client, the *core.Client that core.New returns (see package core):
//
//	app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
//	fiber3mw.Mount(app, client) // GET login, GET callback, POST logout
//	app.Get("/dashboard", fiber3mw.RequireRememberizer(client), dashboard)
//
// Inside dashboard, core.UserFrom(c) is the signed-in user and
// client.API(c) is a client of the Rememberizer API acting as them: a
// fiber.Ctx is a context.Context, and the middleware stores the session
// under core's own typed context key (never a Locals string key), so
// core's accessors find it in the ctx itself as in c.Context(). This holds
// for apps with a custom context (fiber.NewWithCustomCtx) too.
//
// Fiber runs on fasthttp, not net/http, and the package works on fiber.Ctx
// directly: no request is converted to an *http.Request. Values read from
// the request are used while the handler runs and never kept. The session
// and user a handler reads are core's own copies and stay valid after the
// handler returns; the request's view behind them does not (it is cut once
// Fiber is done with the request). As Fiber says, do not keep the
// fiber.Ctx itself past the handler: pass c.Context() to work that
// outlives it.
//
// Set fiber.Config.ReadBufferSize to [ReadBufferSize] or more: Fiber's
// default of 4096 bytes for the whole request head is too small for the
// sign-in cookies.
//
// Redirects carry core's statuses, the same on every adapter: 302 to
// Rememberizer and to the login route, 303 after the callback and after
// logout (where Fiber v3's c.Redirect() would use its default, 303, too).
// Cookies are core's own Set-Cookie lines, always SameSite=Lax, so Fiber
// v3's rule that SameSite=None forces Secure never applies to them.
//
// The package only translates: every decision (state, PKCE, cookies,
// sessions, refresh, redirects, status codes) is made by package core, so
// the net/http, Gin and Fiber v2 adapters behave identically.
package fiber3mw
