package core

import "context"

// Scope is one request that went through RequireRememberizer or
// OptionalRememberizer: adapters get it from [Client.Protect] or
// [Client.ProtectOptional], give the handlers [Scope.Context], and call
// [Scope.End] when the request is over for the library. Apps never need it.
type Scope struct{ st authState }

// Protect authenticates the browser making req, as [Client.Authenticate]
// does, and returns the request's [Scope]. On error the caller must not
// serve the protected resource, and must not call End.
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
func (c *Client) Protect(req Request) (*Scope, error) {
	sc := &Scope{}
	sc.st.client = c
	sc.st.req.Request = req
	s, err := c.Authenticate(&sc.st.req)
	if err != nil {
		return nil, err
	}
	sc.st.sess = s
	return sc, nil
}

// ProtectOptional is Protect for public pages that show who is signed in.
// It never fails: [Scope.Session] is nil when there is no usable session
// (a failure other than being signed out is logged). The response varies
// with the Cookie header, and says so (Vary: Cookie).
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
func (c *Client) ProtectOptional(req Request) *Scope {
	sc := &Scope{}
	sc.st.client = c
	sc.st.req.Request = req
	req.SetHeader("Vary", "Cookie")
	sc.st.sess = c.AuthenticateOptional(&sc.st.req)
	return sc
}

// Session returns the request's session, or nil.
func (sc *Scope) Session() *Session { return sc.st.sess }

// Context returns parent carrying the session, for the handlers: they
// read it with [SessionFrom] and [UserFrom], and call the API with
// [Client.HTTPClient]. Without a session it returns parent.
func (sc *Scope) Context(parent context.Context) context.Context {
	if sc.st.sess == nil {
		return parent
	}
	sc.st.Context = parent
	return &sc.st
}

// End marks the request over: call it when the handler chain has returned
// and, where the adapter can tell, just before the response's headers are
// written. From then on nothing derived from the request writes to it: an
// API client kept by a goroutine gets [ErrRequestEnded] where it would
// have had to set a cookie, or persists server-side (a server-side
// [Store], a [Config.GrantStore]). A refresh under way is waited for, so
// its cookie is in the response. When a session cookie was set, the
// response is made uncacheable (Cache-Control: no-store), whatever the app
// set. End is idempotent and cheap after the first call.
func (sc *Scope) End() {
	st := &sc.st
	if st.endedNow.Load() {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.ended {
		return
	}
	if st.req.cookieSet {
		st.req.Request.SetHeader("Cache-Control", "no-store")
	}
	st.ended = true
	st.endedNow.Store(true)
}

// trackedRequest is the adapter's request as core writes to it during a
// protected request: a session cookie set on it makes the response
// uncacheable (S25).
type trackedRequest struct {
	Request
	cookieSet bool
}

func (t *trackedRequest) SetCookie(c *Cookie) {
	t.cookieSet = true
	t.Request.SetCookie(c)
	t.Request.SetHeader("Cache-Control", "no-store")
}
