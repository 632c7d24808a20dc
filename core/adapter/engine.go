package adapter

import (
	"context"
	"log/slog"
)

// Engine is what a core.Client offers adapters (core.Client.Adapter). It
// is safe for concurrent use.
type Engine interface {
	// Paths returns the paths of the auth routes an adapter mounts:
	// login, callback and logout, under Config.RoutePrefix.
	Paths() (login, callback, logout string)

	// ServeAuth runs the auth route req addresses (login, callback or
	// logout; each checks its own method). Its Outcome has no Scope: a
	// Reply (the redirect, or the error answer) or a Hook.
	ServeAuth(req Request, hooks Hooks) Outcome

	// Require authenticates the browser making req, for
	// RequireRememberizer. A request for one of the auth routes (the
	// middleware put in front of the whole router) gets a Scope without a
	// session: it is let through to the route. A signed-in request gets a
	// Scope. A signed-out
	// one gets the UnauthorizedHook when hooks.Unauthorized is set, else a
	// Reply (a redirect to sign in for a navigation, 401 for an API call).
	// Any other failure gets the ErrorHook when hooks.Error is set, else
	// the error Reply.
	Require(req Request, hooks Hooks) Outcome

	// Logger is the client's logger (core.Config.Logger), for an adapter's
	// own warnings about how it was set up.
	Logger() *slog.Logger

	// Mounted tells the engine that its auth routes are served: an
	// adapter calls it when it makes the handler of those routes (its
	// Mount and Handler). Until then, Require answers a signed-out
	// navigation with an error page saying to mount the routes, not a
	// redirect to a login route that does not exist.
	Mounted()

	// Optional is Require for public pages that show who is signed in,
	// for OptionalRememberizer: the Outcome always has a Scope, whose
	// context carries a session only when there is a usable one.
	Optional(req Request) Outcome
}

// Hooks says which of its app's hooks an adapter has, so that the
// [Outcome] of an operation names the one to call.
type Hooks struct {
	// Unauthorized: the app handles signed-out requests itself.
	Unauthorized bool
	// Error: the app handles errors itself.
	Error bool
}

// Hook names the app hook an [Outcome] hands the request to.
type Hook int

// The hooks an [Outcome] may name.
const (
	// NoHook: the Outcome is a Scope or a Reply.
	NoHook Hook = iota
	// UnauthorizedHook: call the app's UnauthorizedHandler with Err.
	UnauthorizedHook
	// ErrorHook: call the app's ErrorHandler with Err.
	ErrorHook
)

// Outcome is what an adapter does with a request, decided by core: exactly
// one of serve it (Scope), hand it to a hook (Hook), or write Reply.
type Outcome struct {
	// Scope, when non-nil, says: run the handlers with Scope.Context and
	// call Scope.End when they return.
	Scope Scope
	// Hook, when not NoHook, says: call that hook of the app with Err and
	// write nothing else.
	Hook Hook
	// Err is why the request was not served, or nil.
	Err error
	// Reply is the answer to write when Scope is nil and Hook is NoHook.
	Reply Reply
}

// Scope is one request that RequireRememberizer or OptionalRememberizer
// serves.
type Scope interface {
	// Context returns parent carrying the session, for the handlers; it is
	// parent itself when there is no session.
	Context(parent context.Context) context.Context
	// Key is the context key under which core's accessors
	// (core.SessionFrom, core.UserFrom, core.Client.API) find what
	// Context returns. A framework whose own request context answers
	// Value from a store of its own (Fiber v3's fiber.Ctx reads fasthttp's
	// user values) stores Context's result there under Key, so that the
	// framework's context can be passed wherever a context.Context is.
	Key() any
	// End marks the request over: call it when the handler chain has
	// returned and, where the adapter can tell, just before the
	// response's headers are written, on the request's goroutine. Cookies
	// the API client decided on while the handlers ran are set now, and
	// from then on core never calls the Request again. End is idempotent
	// and cheap after the first call.
	End()
}
