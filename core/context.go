package core

import (
	"context"
	"errors"
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
	client *client
	// start is the request's context when the scope started: what is
	// left of the request for work after it ended, without cancellation.
	start context.Context

	// mu serializes this request's use of req (refreshes of tokens kept
	// in the cookie hold it throughout) and its end.
	mu       sync.Mutex
	req      trackedRequest
	sess     *Session
	endedNow atomic.Bool // the request ended, readable without mu
	// pending are the cookies the API client set while the handlers ran,
	// for End to set (see deferredView).
	pending []string
	// cookie is the session cookie as the request brought it, kept only
	// for a browser store other than the sealed cookie (which may name
	// its record by it): the API client never reads the live request.
	cookie string
	// first holds the session the request brought, allocated with the
	// scope (see trackedRequest.spare).
	first sessionAndSecrets
}

// NewContext is [Client.NewContext].
func (c *client) NewContext(ctx context.Context, s *Session) context.Context {
	if s == nil {
		return ctx
	}
	if s.secrets.get() == nil {
		// A Session an app made itself: no id, no tokens.
		cp := *s
		cp.secrets = hide(&sessionSecrets{})
		s = &cp
	}
	st := &authState{Context: ctx, client: c, start: ctx, sess: s}
	st.req.start = ctx
	st.endedNow.Store(true)
	st.req.ended = true // nothing to write to
	return st
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
func (st *authState) token(ctx context.Context, rejected string) (tokenPair, error) {
	c := st.client
	st.mu.Lock()
	s := st.sess
	if !s.sec().grant && s.sec().key == "" {
		// Tokens kept in the cookie: the refresh holds the request's lock
		// throughout, so that if it spends the refresh token the new
		// tokens go out with the response (End waits for it).
		defer st.mu.Unlock()
		ns, tok, err := c.sessionTokens(ctx, deferredView{st: st, held: true}, s, rejected, true)
		if err != nil {
			return tokenPair{}, err
		}
		st.sess = ns
		return tok, nil
	}
	st.mu.Unlock()
	// Kept server-side: the request's view is needed only to re-send a
	// cookie. A session ended everywhere (or whose user's grant was
	// revoked) stops here, even from a kept client.
	view := deferredView{st: st}
	if err := c.endedEverywhere(ctx, s, markHint{}); err != nil {
		if errors.Is(err, ErrNotSignedIn) {
			_ = c.endSession(ctx, view, s)
		}
		return tokenPair{}, err
	}
	ns, tok, err := c.sessionTokens(ctx, view, s, rejected, true)
	if err != nil {
		return tokenPair{}, err
	}
	st.mu.Lock()
	if st.sess == s {
		st.sess = ns
	}
	st.mu.Unlock()
	return tok, nil
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
