// Package echo4mw adds "Sign in with Rememberizer" to an Echo v4 app.
// Given client, the *core.Client that core.New returns (see package core):
//
//	e := echo.New()
//	echo4mw.Mount(e, client) // GET login, GET callback, POST logout
//	e.GET("/dashboard", dashboard, echo4mw.RequireRememberizer(client))
//	api := e.Group("/api", echo4mw.RequireRememberizer(client))
//
// Inside dashboard, core.UserFrom(c.Request().Context()) is the signed-in
// user and client.API(c.Request().Context()) is a client of the
// Rememberizer API acting as them. The session travels in the request's
// context, never under a key of c.Get/c.Set.
//
// Errors: the library's own answers (the redirect to sign in, 401 JSON for
// a signed-out API call, the page of a failed callback) are core's
// replies, written as they are, the same on every adapter; they are not
// errors for Echo and do not reach e.HTTPErrorHandler. What a Config hook
// returns does: a hook that answers with an error (an *echo.HTTPError,
// say) hands it to the app's HTTPErrorHandler like any handler's error.
//
// Echo is net/http underneath, so the package uses core/adapter's view of
// a net/http request, and every decision (state, PKCE, cookies, sessions,
// refresh, redirects, status codes) is made by package core: an Echo app
// behaves exactly like a net/http one. An *echo.Echo is an http.Handler,
// so package rememberizertest/apptest tests it as it is:
//
//	app := apptest.Start(t, func(cfg core.Config) (http.Handler, error) { return newEcho(cfg) })
//	status, body, err := app.Get(app.SignIn(t, "42"), "/dashboard")
//
// An access log must not write the callback's query, which carries the
// authorization code and the state: with Echo's RequestLogger, log
// c.Request().URL.Path (LogURIPath) rather than the URI.
package echo4mw
