// Package ginmw adds "Sign in with Rememberizer" to a Gin app. Given c,
// the *core.Client that core.New returns (see package core):
//
//	r := gin.New() // not gin.Default: its logger writes the callback's code and state
//	r.Use(ginmw.Logger(c), gin.Recovery())
//	ginmw.Mount(r, c) // GET login, GET callback, POST logout
//	app := r.Group("/app", ginmw.RequireRememberizer(c))
//	app.GET("/dashboard", dashboard)
//
// Inside dashboard, core.UserFrom(ctx.Request.Context()) is the signed-in
// user and c.API(ctx.Request.Context()) is a client of the Rememberizer
// API acting as them. The session travels in the request's context, never
// under a key of gin.Context; with the engine's ContextWithFallback set,
// the gin.Context itself can be passed as the context.
//
// Gin's request and response writer are net/http's, so the package uses
// core/adapter's view of a net/http request, and every decision (state, PKCE,
// cookies, sessions, refresh, redirects, status codes) is made by package
// core: a Gin app behaves exactly like a net/http one.
package ginmw
