package core

// This file is core's side of package adapter, which apps never use: the
// Engine an adapter drives, and the auth routes' entry point. The
// middleware's scope is in scope.go, the default error answer in
// errorreply.go.

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Adapter is [Client.Adapter].
func (c *client) Adapter() adapter.Engine { return engine{c} }

// engine is the [adapter.Engine] of a Client.
type engine struct{ c *client }

func (e engine) Paths() (login, callback, logout string) {
	return e.c.LoginPath(), e.c.callbackPath(), e.c.LogoutPath()
}

func (e engine) ServeAuth(req adapter.Request, hooks adapter.Hooks) adapter.Outcome {
	rep, err := e.c.serveAuth(req)
	if err != nil {
		return e.c.failed(req, err, hooks)
	}
	return adapter.Outcome{Reply: rep}
}

func (e engine) Require(req adapter.Request, hooks adapter.Hooks) adapter.Outcome {
	if e.c.isAuthRoute(req) {
		// The middleware is in front of the whole router: the auth
		// routes must stay open, or signing in redirects to itself.
		return adapter.Outcome{Scope: e.c.newScope(req)}
	}
	sc, err := e.c.protect(req)
	switch {
	case err == nil:
		return adapter.Outcome{Scope: sc}
	case !isSignedOut(err):
		return e.c.failed(req, err, hooks)
	case hooks.Unauthorized:
		return adapter.Outcome{Hook: adapter.UnauthorizedHook, Err: err}
	case !e.c.mounted.Load() && wantsRedirect(req):
		// A redirect would land on a login route nobody serves.
		return e.c.failed(req, fmt.Errorf("%w (%s)", errNotMounted, e.c.LoginPath()), hooks)
	}
	return adapter.Outcome{Err: err, Reply: e.c.signInReply(req, err)}
}

func (e engine) Mounted() { e.c.mounted.Store(true) }

// isAuthRoute reports whether req addresses the login, callback or logout
// route.
func (c *client) isAuthRoute(req adapter.Request) bool {
	switch uriPath(req.URI()) {
	case c.LoginPath(), c.callbackPath(), c.LogoutPath():
		return true
	}
	return false
}

func (e engine) Logger() *slog.Logger { return e.c.log }

func (e engine) Optional(req adapter.Request) adapter.Outcome {
	return adapter.Outcome{Scope: e.c.protectOptional(req)}
}

// failed is the Outcome of a failure other than being signed out: the
// app's error hook when it has one, else [Client.errorReply].
func (c *client) failed(req adapter.Request, err error, hooks adapter.Hooks) adapter.Outcome {
	if hooks.Error {
		return adapter.Outcome{Hook: adapter.ErrorHook, Err: err}
	}
	return adapter.Outcome{Err: err, Reply: c.errorReply(req, err)}
}

// serveAuth runs the auth route that req addresses — login, callback or
// logout, whatever the method (each checks its own) — and returns the
// redirect to write: 302 to Rememberizer after login, 303 after the
// callback and logout. It returns [errUnknownRoute] for any other path.
// Every failure of the callback wraps [ErrSignIn].
func (c *client) serveAuth(req adapter.Request) (adapter.Reply, error) {
	var (
		loc    string
		err    error
		status int
	)
	switch uriPath(req.URI()) {
	case c.LoginPath():
		loc, err = c.login(req)
		status = 302
	case c.callbackPath():
		loc, err = c.callback(req)
		if err != nil && !errors.Is(err, ErrSignIn) {
			err = fmt.Errorf("%w: %w", ErrSignIn, err)
		}
		status = 303
	case c.LogoutPath():
		loc, err = c.logout(req)
		status = 303
	default:
		return adapter.Reply{}, errUnknownRoute
	}
	if err != nil {
		return adapter.Reply{}, err
	}
	return adapter.Reply{Status: status, Location: loc}, nil
}

// noStore sets the headers every auth route's response carries: nothing
// cached, and no Referer leaking the URL onwards.
func noStore(req adapter.Request) {
	req.SetHeader("Cache-Control", "no-store")
	req.SetHeader("Referrer-Policy", "no-referrer")
}

// wantsRedirect reports whether a signed-out request is a browser
// navigation, to be redirected to sign in, rather than an API call, to be
// answered 401 (SECURITY.md S17). Navigations are GET or HEAD requests
// that accept HTML and are not marked as script requests
// (X-Requested-With, or a Sec-Fetch-Mode other than navigate).
func wantsRedirect(req adapter.Request) bool {
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

// signInReply is the default answer to a request RequireRememberizer
// refused because err says the browser is signed out: a 302 to the login
// route with return_to set to the requested URI for a navigation, or 401
// with a JSON body for an API call.
func (c *client) signInReply(req adapter.Request, err error) adapter.Reply {
	req.SetHeader("Cache-Control", "no-store")
	if wantsRedirect(req) {
		return adapter.Reply{Status: 302, Location: c.LoginPath() + "?return_to=" + url.QueryEscape(req.URI())}
	}
	req.SetHeader("WWW-Authenticate", `Bearer realm="rememberizer"`)
	return jsonReply(401, err)
}
