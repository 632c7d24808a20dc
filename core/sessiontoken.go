package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// sessionTokens brings a session's tokens up to date through the refresh
// pipeline, wherever they live, and returns the session to go on with and
// a token. RequireRememberizer calls it with needToken false: a session
// whose tokens live in the grant store then decides from the expiry it
// carries, with no store read unless the token is near expiry. The API
// client calls it with needToken true, for an access token.
//
// When Rememberizer refuses the refresh, or the session's grant is gone,
// the session is ended and the error wraps [ErrReauthRequired].
func (c *client) sessionTokens(ctx context.Context, req adapter.Request, s *Session, rejected string, needToken bool) (*Session, tokenPair, error) {
	// Most requests stop here: the tokens the session knows of are good.
	if c.tokensCurrent(s, rejected, needToken, c.now()) {
		return s, s.sec().tok, nil
	}
	if s.sec().grant {
		return c.grantSessionTokens(ctx, req, s, rejected, needToken)
	}
	h := &sessionHolder{c: c, req: req, s: s}
	tok, leader, err := c.freshTokens(ctx, h, s.sec().tok, rejected)
	if err != nil {
		return nil, tokenPair{}, c.sessionTokensFailed(ctx, req, s, err)
	}
	if sameToken(tok, s.sec().tok) {
		return s, tok, nil
	}
	ns := withToken(s, tok, c.now())
	if !leader {
		// Refreshed by another request: this response carries the result
		// too (or, server-side, saves it again: the refresh that got it
		// may have failed to).
		if err := c.saveSession(ctx, req, ns, false); err != nil {
			return nil, tokenPair{}, err
		}
	}
	return ns, tok, nil
}

// tokensCurrent reports whether sessionTokens can answer with the tokens
// s knows of, as of now, without a store read or a refresh.
func (c *client) tokensCurrent(s *Session, rejected string, needToken bool, now time.Time) bool {
	return (!s.sec().grant || !needToken && s.sec().grantGen != 0) && rejected == "" && !c.needsRefresh(s.sec().tok, now)
}

// grantSessionTokens is sessionTokens for a session whose tokens live in
// its user's grant. The session carries the grant's generation and the
// access token's expiry; when the grant's expiry moved on (refreshed by
// another session or a job), the session is saved with the new one.
func (c *client) grantSessionTokens(ctx context.Context, req adapter.Request, s *Session, rejected string, needToken bool) (*Session, tokenPair, error) {
	if c.grants == nil {
		return nil, tokenPair{}, c.noGrantStore(ctx, req, s)
	}
	h := &grantHolder{c: c, userID: s.User.ID, gen: s.sec().grantGen}
	known := s.sec().tok
	// A session from before generations carries no expiry: read it.
	if needToken || s.sec().grantGen == 0 {
		t, err := h.reread(ctx)
		if err != nil {
			return nil, tokenPair{}, c.sessionTokensFailed(ctx, req, s, err)
		}
		known = t
	}
	tok, _, err := c.freshTokens(ctx, h, known, rejected)
	if err != nil {
		return nil, tokenPair{}, c.sessionTokensFailed(ctx, req, s, err)
	}
	gen := s.sec().grantGen
	if gen == 0 {
		gen = h.cur.gen
	}
	if tok.Expiry.Equal(s.sec().tok.Expiry) && tok.IssuedAt.Equal(s.sec().tok.IssuedAt) && gen == s.sec().grantGen {
		return s, tok, nil
	}
	ns := s.withSecrets()
	ns.sec().tok = tokenPair{Expiry: tok.Expiry, IssuedAt: tok.IssuedAt}
	ns.sec().grantGen = gen
	ns.LastSeen = c.now()
	// The expiry a session carries only saves store reads: a response
	// that can no longer carry it loses nothing.
	if err := c.saveSession(ctx, req, ns, false); err != nil && !errors.Is(err, ErrRequestEnded) {
		return nil, tokenPair{}, err
	}
	return ns, tok, nil
}

// sessionTokensFailed ends s where the failure says it is over, and
// returns the error to report.
func (c *client) sessionTokensFailed(ctx context.Context, req adapter.Request, s *Session, err error) error {
	switch {
	case errors.Is(err, errStaleTokens):
		// A copy of a cookie from before a refresh: signed out, without
		// spending its rotated-out refresh token.
		req.SetCookie(c.sessionSlot.ExpiredCookie())
		return ErrNotSignedIn
	case errors.Is(err, ErrGrantRevoked), errors.Is(err, ErrNoGrant), errors.Is(err, ErrNotSignedIn):
		_ = c.endSession(ctx, req, s)
		if !errors.Is(err, ErrNotSignedIn) {
			err = fmt.Errorf("%w: %w", ErrReauthRequired, err)
		}
		return err
	}
	return err
}

// noGrantStore signs out a session whose tokens live in a grant store, on
// an instance configured without one (a rollback, a mixed fleet): it
// cannot be used here (S30).
func (c *client) noGrantStore(ctx context.Context, req adapter.Request, s *Session) error {
	c.log.LogAttrs(ctx, slog.LevelWarn, "rememberizer: session signed out: its tokens are in a grant store and this instance has no Config.GrantStore",
		slog.String("user_id", s.User.ID))
	_ = c.endSession(ctx, req, s)
	return fmt.Errorf("%w: the session's grant store is not configured here", ErrNotSignedIn)
}

// sameToken reports whether a and b are the same tokens.
func sameToken(a, b tokenPair) bool {
	return a.AccessToken == b.AccessToken && a.RefreshToken == b.RefreshToken &&
		a.Expiry.Equal(b.Expiry) && a.IssuedAt.Equal(b.IssuedAt)
}

// withToken returns a copy of s with new tokens, seen at now.
func withToken(s *Session, t tokenPair, now time.Time) *Session {
	ns := s.withSecrets()
	ns.sec().tok = t
	ns.LastSeen = now
	return ns
}
