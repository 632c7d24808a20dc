package core

import (
	"context"
	"sync"
)

// authKey is the context key of the signed-in state; unexported, so only
// this package's accessors read it.
type authKey struct{}

// authState is what RequireRememberizer leaves in a request's context: the
// session, and what is needed to persist it if the API client refreshes
// its tokens during the request. It is itself the context node that
// carries it, so attaching it costs one allocation.
type authState struct {
	context.Context
	client *Client
	req    Request

	mu   sync.Mutex
	sess *Session
}

// NewContext returns ctx carrying s, the session [Client.Authenticate]
// returned for req. Adapters call it; handlers read it back with
// [SessionFrom], [UserFrom] and [Client.HTTPClient]. The context is for
// the request's lifetime only.
func (c *Client) NewContext(ctx context.Context, req Request, s *Session) context.Context {
	return &authState{Context: ctx, client: c, req: req, sess: s}
}

// Value returns the state itself for authKey, and asks the parent for
// anything else.
func (st *authState) Value(key any) any {
	if _, ok := key.(authKey); ok {
		return st
	}
	return st.Context.Value(key)
}

// String describes the context without the session's secrets.
func (st *authState) String() string { return "rememberizer.authContext" }

func stateFrom(ctx context.Context) (*authState, bool) {
	st, ok := ctx.Value(authKey{}).(*authState)
	return st, ok && st != nil
}

// session returns the current session.
func (st *authState) session() *Session {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.sess
}

// SessionFrom returns the session RequireRememberizer put in ctx. The
// session is shared: read it, do not change it.
func SessionFrom(ctx context.Context) (*Session, bool) {
	st, ok := stateFrom(ctx)
	if !ok {
		return nil, false
	}
	return st.session(), true
}

// UserFrom returns the signed-in user RequireRememberizer put in ctx.
func UserFrom(ctx context.Context) (User, bool) {
	s, ok := SessionFrom(ctx)
	if !ok {
		return User{}, false
	}
	return s.User, true
}
