package core

// This file is the adapters' side of core, which apps never use: the
// Request view an adapter implements on its framework, the Reply it writes
// back, and the auth routes' entry point. The middleware's entry points
// are in scope.go, the default error answer in errorreply.go.

import (
	"context"
	"net/url"
	"strings"
)

// Request is core's view of one HTTP request and its response, implemented
// by each adapter on its framework's own types. Core never sees a
// framework, and reads nothing from a request but what these methods give.
//
// Implementations need not be safe for concurrent use: a Request belongs to
// the goroutine serving it. Strings returned need only stay valid while the
// handler runs: core copies whatever it keeps beyond the request, so a
// framework that reuses its buffers (fasthttp) need not copy them.
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
type Request interface {
	// Context is the request's context.
	Context() context.Context
	// Method is the HTTP method, e.g. "GET".
	Method() string
	// URI is the path and raw query as received, e.g. "/a/b?c=d".
	URI() string
	// Header returns the first value of the named request header, or "".
	Header(name string) string
	// Cookie returns the value of the first cookie with this name, or "".
	Cookie(name string) string
	// SetCookie adds c to the response as a Set-Cookie header, written
	// exactly as [Cookie.String] gives it.
	SetCookie(c *Cookie)
	// SetHeader sets a response header.
	SetHeader(name, value string)
}

// Reply is a response core decided on, for an adapter to write as it is:
// the status, a Location for redirects, and a body of the given type.
// Core has already set the headers it needs on the Request.
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
type Reply struct {
	// Status is the HTTP status code.
	Status int
	// Location is where a redirect goes, or "".
	Location string
	// ContentType is the type of Body, or "" when there is none.
	ContentType string
	// Body is the response body, or "".
	Body string
}

// ServeAuth runs the auth route that req addresses — login, callback or
// logout, whatever the method (each checks its own) — and returns the
// redirect to write: 302 to Rememberizer after login, 303 after the
// callback and logout. It returns [ErrUnknownRoute] for any other path.
// Errors go to the adapter's error handler, by default [Client.ErrorReply].
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
func (c *Client) ServeAuth(req Request) (Reply, error) {
	var (
		loc    string
		err    error
		status int
	)
	switch uriPath(req.URI()) {
	case c.LoginPath():
		loc, err = c.Login(req)
		status = 302
	case c.CallbackPath():
		loc, err = c.Callback(req)
		status = 303
	case c.LogoutPath():
		loc, err = c.Logout(req)
		status = 303
	default:
		return Reply{}, ErrUnknownRoute
	}
	if err != nil {
		return Reply{}, err
	}
	return Reply{Status: status, Location: loc}, nil
}

// noStore sets the headers every auth route's response carries: nothing
// cached, and no Referer leaking the URL onwards.
func noStore(req Request) {
	req.SetHeader("Cache-Control", "no-store")
	req.SetHeader("Referrer-Policy", "no-referrer")
}

// wantsRedirect reports whether a signed-out request is a browser
// navigation, to be redirected to sign in, rather than an API call, to be
// answered 401 (SECURITY.md S17). Navigations are GET or HEAD requests
// that accept HTML and are not marked as script requests
// (X-Requested-With, or a Sec-Fetch-Mode other than navigate).
func wantsRedirect(req Request) bool {
	if m := req.Method(); m != "GET" && m != "HEAD" {
		return false
	}
	if req.Header("X-Requested-With") != "" {
		return false
	}
	if mode := req.Header("Sec-Fetch-Mode"); mode != "" && mode != "navigate" {
		return false
	}
	return strings.Contains(req.Header("Accept"), "text/html")
}

// SignInReply is the default answer to a request RequireRememberizer
// refused because err says the browser is signed out: a 302 to the login
// route with return_to set to the requested URI for a navigation, or 401
// with a JSON body for an API call.
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
func (c *Client) SignInReply(req Request, err error) Reply {
	req.SetHeader("Cache-Control", "no-store")
	if wantsRedirect(req) {
		return Reply{Status: 302, Location: c.LoginPath() + "?return_to=" + url.QueryEscape(req.URI())}
	}
	req.SetHeader("WWW-Authenticate", `Bearer realm="rememberizer"`)
	return jsonReply(401, err)
}
