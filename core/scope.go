package core

import (
	"context"
	"strings"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// scope is one request that went through RequireRememberizer or
// OptionalRememberizer, the [adapter.Scope] of an [adapter.Outcome]:
// adapters give the handlers [scope.Context], and call [scope.End] when
// the request is over for the library.
type scope struct {
	st authState
	// seen: the context says the middleware saw the request even
	// without a session (OptionalRememberizer), so that the API client
	// answers ErrNotSignedIn, not "wrap the handler".
	seen bool
}

// protect authenticates the browser making req, as [Client.authenticate]
// does, and returns the request's [scope]. On error the caller must not
// serve the protected resource, and must not call End.
func (c *client) protect(req adapter.Request) (*scope, error) {
	sc := c.newScope(req)
	s, err := c.authenticate(&sc.st.req)
	if err != nil {
		return nil, err
	}
	sc.st.sess = s
	return sc, nil
}

// protectOptional is Protect for public pages that show who is signed in.
// It never fails: the scope carries no session when there is no usable session
// (a failure other than being signed out is logged). The response varies
// with the Cookie header, and says so (Vary: Cookie).
func (c *client) protectOptional(req adapter.Request) *scope {
	sc := c.newScope(req)
	sc.seen = true
	req.SetHeader("Vary", "Cookie")
	sc.st.sess = c.authenticateOptional(&sc.st.req)
	return sc
}

func (c *client) newScope(req adapter.Request) *scope {
	sc := &scope{}
	sc.st.client = c
	sc.st.req.live = req
	sc.st.start = req.Context()
	sc.st.req.start = sc.st.start
	sc.st.req.spare = &sc.st.first
	if c.namedByCookie {
		sc.st.cookie = strings.Clone(req.Cookie(c.sessionSlot.Name))
	}
	return sc
}

// Context returns parent carrying the session, for the handlers: they
// read it with [SessionFrom] and [UserFrom], and call the API with
// [Client.HTTPClient]. Without a session it returns parent, or, for
// OptionalRememberizer, parent marked as seen by the middleware.
func (sc *scope) Context(parent context.Context) context.Context {
	if sc.st.sess == nil && !sc.seen {
		return parent
	}
	sc.st.Context = parent
	return &sc.st
}

// Key returns the key [scope.Context]'s result answers to: [authKey].
func (sc *scope) Key() any { return authKey{} }

// End marks the request over: call it when the handler chain has returned
// and, where the adapter can tell, just before the response's headers are
// written, on the request's goroutine. Cookies the API client decided on
// while the handlers ran (a refresh of tokens kept in the cookie) are set
// now: never from the handlers' goroutines, which may be writing the
// response at the same time. From then on core never calls the adapter's
// adapter.Request again
// (SECURITY.md S22): the request's view is replaced by an inert one that
// carries the request's context values without its cancellation. An API
// client kept by a goroutine gets [ErrRequestEnded] where it would have
// had to set a cookie, or persists server-side (a server-side [Store], a
// [Config.GrantStore]). A refresh of tokens kept in the cookie that is
// under way is waited for, so its cookie is in the response. When a
// session cookie was set, the response is made uncacheable
// (Cache-Control: no-store), whatever the app set. End is idempotent and
// cheap after the first call.
func (sc *scope) End() {
	st := &sc.st
	if st.endedNow.Load() {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.endedNow.Load() {
		return
	}
	// What the API client decided while the handlers ran goes out now,
	// on the request's own goroutine, before the headers do.
	for _, c := range st.pending {
		st.req.SetCookie(c)
	}
	st.pending = nil
	if st.req.cookieSet {
		st.req.live.SetHeader("Cache-Control", "no-store")
	}
	st.req.ended = true
	// Let go of the adapter's request: a Session a handler keeps shares
	// the scope's memory, and must not keep the request with it.
	st.req.live = nil
	st.endedNow.Store(true)
}

// trackedRequest is core's hold on the adapter's request during a
// protected request. A session cookie set on it makes the response
// uncacheable (S25). Once ended it is inert: it never calls the adapter's
// view again, reads nothing, writes nowhere, and its context is the
// request's without cancellation.
type trackedRequest struct {
	live      adapter.Request
	start     context.Context
	ended     bool
	cookieSet bool
	// spare is room for the session loaded through this request, in
	// the scope's own allocation; nil once used.
	spare *sessionAndSecrets
}

func (t *trackedRequest) Context() context.Context {
	if t.ended {
		return context.WithoutCancel(t.start)
	}
	return t.live.Context()
}

func (t *trackedRequest) Method() string {
	if t.ended {
		return ""
	}
	return t.live.Method()
}

func (t *trackedRequest) URI() string {
	if t.ended {
		return ""
	}
	return t.live.URI()
}

func (t *trackedRequest) Header(name string) string {
	if t.ended {
		return ""
	}
	return t.live.Header(name)
}

func (t *trackedRequest) Cookie(name string) string {
	if t.ended {
		return ""
	}
	return t.live.Cookie(name)
}

func (t *trackedRequest) SetCookie(line string) {
	if t.ended {
		return
	}
	t.cookieSet = true
	t.live.SetCookie(line)
	t.live.SetHeader("Cache-Control", "no-store")
}

func (t *trackedRequest) SetHeader(name, value string) {
	if !t.ended {
		t.live.SetHeader(name, value)
	}
}

func (t *trackedRequest) requestEnded() bool { return t.ended }

// requestEnded reports whether req is a view of a request that has ended:
// it reads nothing and writes nowhere, and a cookie set on it is lost.
func requestEnded(req adapter.Request) bool {
	e, ok := req.(interface{ requestEnded() bool })
	return ok && e.requestEnded()
}
