package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
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
func (c *Client) sessionTokens(ctx context.Context, req Request, s *Session, rejected string, needToken bool) (*Session, Token, error) {
	// Most requests stop here: the tokens the session knows of are good.
	if (!s.grant || !needToken && s.grantGen != 0) && rejected == "" && !c.needsRefresh(s.Token, c.now()) {
		return s, s.Token, nil
	}
	if s.grant {
		return c.grantSessionTokens(ctx, req, s, rejected, needToken)
	}
	h := &sessionHolder{c: c, req: req, s: s}
	tok, leader, err := c.freshTokens(ctx, h, s.Token, rejected)
	if err != nil {
		return nil, Token{}, c.sessionTokensFailed(ctx, req, s, err)
	}
	if sameToken(tok, s.Token) {
		return s, tok, nil
	}
	ns := withToken(s, tok, c.now())
	if !leader {
		// Refreshed by another request: this response carries the result
		// too (or, server-side, saves it again: the refresh that got it
		// may have failed to).
		if err := c.saveSession(ctx, req, ns, false); err != nil {
			return nil, Token{}, err
		}
	}
	return ns, tok, nil
}

// grantSessionTokens is sessionTokens for a session whose tokens live in
// its user's grant. The session carries the grant's generation and the
// access token's expiry; when the grant's expiry moved on (refreshed by
// another session or a job), the session is saved with the new one.
func (c *Client) grantSessionTokens(ctx context.Context, req Request, s *Session, rejected string, needToken bool) (*Session, Token, error) {
	if c.grants == nil {
		return nil, Token{}, c.noGrantStore(ctx, req, s)
	}
	h := &grantHolder{c: c, userID: s.User.ID, gen: s.grantGen}
	known := s.Token
	// A session from before generations carries no expiry: read it.
	if needToken || s.grantGen == 0 {
		t, err := h.reread(ctx)
		if err != nil {
			return nil, Token{}, c.sessionTokensFailed(ctx, req, s, err)
		}
		known = t
	}
	tok, _, err := c.freshTokens(ctx, h, known, rejected)
	if err != nil {
		return nil, Token{}, c.sessionTokensFailed(ctx, req, s, err)
	}
	gen := s.grantGen
	if gen == 0 {
		gen = h.cur.gen
	}
	if tok.Expiry.Equal(s.Token.Expiry) && tok.IssuedAt.Equal(s.Token.IssuedAt) && gen == s.grantGen {
		return s, tok, nil
	}
	ns := *s
	ns.Token = Token{Expiry: tok.Expiry, IssuedAt: tok.IssuedAt}
	ns.grantGen = gen
	ns.LastSeen = c.now()
	// The expiry a session carries only saves store reads: a response
	// that can no longer carry it loses nothing.
	if err := c.saveSession(ctx, req, &ns, false); err != nil && !errors.Is(err, ErrRequestEnded) {
		return nil, Token{}, err
	}
	return &ns, tok, nil
}

// sessionTokensFailed ends s where the failure says it is over, and
// returns the error to report.
func (c *Client) sessionTokensFailed(ctx context.Context, req Request, s *Session, err error) error {
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
func (c *Client) noGrantStore(ctx context.Context, req Request, s *Session) error {
	c.log.LogAttrs(ctx, slog.LevelWarn, "rememberizer: session signed out: its tokens are in a grant store and this instance has no Config.GrantStore",
		slog.String("user_id", s.User.ID))
	_ = c.endSession(ctx, req, s)
	return fmt.Errorf("%w: the session's grant store is not configured here", ErrNotSignedIn)
}

// sameToken reports whether a and b are the same tokens.
func sameToken(a, b Token) bool {
	return a.AccessToken == b.AccessToken && a.RefreshToken == b.RefreshToken &&
		a.Expiry.Equal(b.Expiry) && a.IssuedAt.Equal(b.IssuedAt)
}

// withToken returns a copy of s with new tokens, seen at now.
func withToken(s *Session, t Token, now time.Time) *Session {
	ns := *s
	ns.Token = t
	ns.LastSeen = now
	return &ns
}
