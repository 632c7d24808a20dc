// Package nethttp adds "Sign in with Rememberizer" to a net/http app.
// Given c, the *core.Client that core.New returns (see package core):
//
//	mux := http.NewServeMux()
//	nethttp.Mount(mux, c) // GET login, GET callback, POST logout
//	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(dashboard))
//
// Inside dashboard, core.UserFrom(r.Context()) is the signed-in user and
// c.API(r.Context()) is a client of the Rememberizer API acting as them.
//
// The package only translates: every decision (state, PKCE, cookies,
// sessions, refresh, redirects, status codes) is made by package core, so
// the Gin and Fiber adapters behave identically.
package nethttp
