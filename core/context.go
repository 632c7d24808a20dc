package core

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// authKey is the context key of the signed-in state; unexported, so only
// this package's accessors read it.
type authKey struct{}

// authState is what the middleware leaves in a request's context: the
// session, and what is needed to persist it if the API client refreshes
// its tokens during the request. It is itself the context node that
// carries it, so attaching it costs one allocation.
//
// A request ends (SECURITY.md S22): once its handler chain has returned,
// or its response's headers are being written, the adapter calls end, and
// from then on nothing derived from the request writes to it. A refresh
// that is writing when end is called finishes first: end waits for it, so
// its cookie goes out with the response.
type authState struct {
	context.Context
	client *Client
	req    trackedRequest

	// mu serializes this request's refreshes and end.
	mu       sync.Mutex
	sess     *Session
	ended    bool
	endedNow atomic.Bool // ended, readable without mu
}

// NewContext returns ctx carrying s, the session [Client.Authenticate]
// returned for req. Tests of a single handler use it with a nil req: the
// API client then never writes to a response, and refreshes only when the
// tokens live server-side. A nil s gives ctx back unchanged, so the
// accessors report no session. Adapters use [Client.Protect] instead, which
// also ends the request's view.
func (c *Client) NewContext(ctx context.Context, req Request, s *Session) context.Context {
	if s == nil {
		return ctx
	}
	st := &authState{Context: ctx, client: c, sess: s}
	if req == nil {
		st.ended = true
		st.endedNow.Store(true)
		req = noRequest{ctx}
	}
	st.req.Request = req
	return st
}

// noRequest is the request of a context made without one: it reads
// nothing and writes nowhere.
type noRequest struct{ ctx context.Context }

func (n noRequest) Context() context.Context { return n.ctx }
func (noRequest) Method() string             { return "" }
func (noRequest) URI() string                { return "" }
func (noRequest) Header(string) string       { return "" }
func (noRequest) Cookie(string) string       { return "" }
func (noRequest) SetCookie(*Cookie)          {}
func (noRequest) SetHeader(string, string)   {}

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
	if ctx == nil {
		return nil, false
	}
	st, ok := ctx.Value(authKey{}).(*authState)
	return st, ok && st != nil && st.sess != nil
}

// session returns the current session.
func (st *authState) session() *Session {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.sess
}

// token returns a usable access token for the request's user: from the
// grant store, or from the session (refreshed and persisted if needed).
// rejected is an access token the API just refused, "" otherwise.
func (st *authState) token(ctx context.Context, rejected string) (Token, error) {
	c := st.client
	s := st.session()
	if s.grant {
		t, err := c.grantToken(ctx, s.User.ID, rejected)
		if err != nil && (errors.Is(err, ErrGrantRevoked) || errors.Is(err, ErrNoGrant)) {
			// The user's grant is gone: this session must sign in again.
			st.mu.Lock()
			_ = c.endSession(&st.req, s, !st.ended)
			st.mu.Unlock()
			return Token{}, fmt.Errorf("%w: %w", ErrReauthRequired, err)
		}
		return t, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	ns, err := c.ensureFresh(ctx, &st.req, st.sess, rejected, !st.ended)
	if err != nil {
		return Token{}, err
	}
	st.sess = ns
	return ns.Token, nil
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
