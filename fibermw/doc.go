// Package fibermw adds "Sign in with Rememberizer" to a Fiber v2 app.
// Given client, the *core.Client that core.New returns (see package core):
//
//	app := fiber.New(fiber.Config{ReadBufferSize: fibermw.ReadBufferSize})
//	fibermw.Mount(app, client) // GET login, GET callback, POST logout
//	app.Get("/dashboard", fibermw.RequireRememberizer(client), dashboard)
//
// Inside dashboard, core.UserFrom(c.UserContext()) is the signed-in user
// and client.API(c.UserContext()) is a client of the Rememberizer API
// acting as them. Nothing is kept in Locals.
//
// Fiber runs on fasthttp, not net/http, and the package works on
// *fiber.Ctx directly: no request is converted to an *http.Request.
// Values read from the request are used while the handler runs and never
// kept. The session and user a handler reads from its context are core's
// own copies and stay valid after the handler returns; the context's link
// to the request does not (it is cut once Fiber is done with the request).
//
// Set fiber.Config.ReadBufferSize to [ReadBufferSize] or more: Fiber's
// default of 4096 bytes for the whole request head is too small for the
// sign-in cookies.
//
// The package only translates: every decision (state, PKCE, cookies,
// sessions, refresh, redirects, status codes) is made by package core, so
// the net/http and Gin adapters behave identically.
package fibermw
