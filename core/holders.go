package core

import (
	"context"
	"fmt"
	"strconv"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/event"
)

// The two places the refresh pipeline (refresh.go) finds tokens in.

// sessionHolder is a session that holds its own tokens (no grant store):
// in the browser's cookie, or in a server-side record.
type sessionHolder struct {
	c   *client
	req adapter.Request // the request's view; it says itself when it has ended
	s   *Session
	// base is the session as last re-read, which keep updates.
	base *Session
}

func (h *sessionHolder) user() string { return h.s.User.ID }

func (h *sessionHolder) flights() *refresher { return h.c.refreshes }

func (h *sessionHolder) flight() [32]byte { return refreshKey(h.s) }

func refreshKey(s *Session) [32]byte {
	return flightKey("session", s.sec().id, s.sec().tok.RefreshToken)
}

func (h *sessionHolder) locker() (Locker, string) {
	if l, ok := h.c.store.(Locker); ok && h.s.sec().key != "" {
		return l, "refresh:" + h.s.sec().key
	}
	return nil, ""
}

// canKeep: tokens kept in the browser travel in the response's cookie,
// so once the request has ended there is nowhere to keep new ones.
func (h *sessionHolder) canKeep() error {
	if h.s.sec().key == "" && requestEnded(h.req) {
		return fmt.Errorf("%w: the session's new tokens could not be kept", ErrRequestEnded)
	}
	return nil
}

func (h *sessionHolder) reread(ctx context.Context) (tokenPair, error) {
	if h.s.sec().key == "" {
		// Kept in the browser: the cookie this request sent is all there
		// is, unless this process rotated its refresh token out already.
		if h.c.superseded.has(string(refreshKeyBytes(h.s)), h.c.now()) {
			return tokenPair{}, errStaleTokens
		}
		h.base = h.s
		return h.s.sec().tok, nil
	}
	cur, err := h.c.reloadSession(ctx, h.s)
	if err != nil {
		return tokenPair{}, err
	}
	if cur == nil {
		return tokenPair{}, ErrNotSignedIn
	}
	h.base = cur
	return cur.sec().tok, nil
}

func (h *sessionHolder) keep(ctx context.Context, t tokenPair) error {
	if h.s.sec().key == "" && t.RefreshToken != h.s.sec().tok.RefreshToken {
		// A copy of the old cookie must not spend the rotated-out token
		// once the remembered result is forgotten.
		h.c.superseded.add(string(refreshKeyBytes(h.s)), h.c.now(), h.s.CreatedAt.Add(h.c.cfg.SessionLifetime))
	}
	return h.c.saveSession(ctx, h.req, withToken(h.base, t, h.c.now()), false)
}

func (h *sessionHolder) refused(ctx context.Context, err error) error {
	h.c.refusedRefresh(ctx, h.s.User.ID, false, err)
	return fmt.Errorf("%w: %w", ErrReauthRequired, err)
}

func refreshKeyBytes(s *Session) []byte {
	k := refreshKey(s)
	return k[:]
}

// grantHolder is one user's grant in [Config.GrantStore], of one
// generation: a session never uses another generation's grant.
type grantHolder struct {
	c      *client
	userID string
	gen    uint64 // the generation wanted; 0 takes any (a record from before generations)
	// background: the tokens are for a job's API client, not a request.
	background bool
	// cur is the grant as last re-read.
	cur grant
}

func (h *grantHolder) user() string { return h.userID }

func (h *grantHolder) flights() *refresher { return h.c.grantRefreshes }

func (h *grantHolder) flight() [32]byte {
	return flightKey("grant", h.userID, strconv.FormatUint(h.gen, 10))
}

func (h *grantHolder) locker() (Locker, string) {
	if l, ok := h.c.grants.(Locker); ok {
		return l, "refresh:" + grantKey(h.userID)
	}
	return nil, ""
}

func (*grantHolder) canKeep() error { return nil }

func (h *grantHolder) reread(ctx context.Context) (tokenPair, error) {
	g, ok, err := h.c.loadGrant(ctx, h.userID)
	if err != nil {
		return tokenPair{}, err
	}
	if !ok {
		return tokenPair{}, ErrNoGrant
	}
	if h.gen != 0 && g.gen != 0 && g.gen != h.gen {
		return tokenPair{}, fmt.Errorf("%w: the grant was replaced by a later sign-in", ErrNoGrant)
	}
	h.cur = g
	return g.tok, nil
}

// keep stores the refreshed tokens, unless the grant was deleted (or
// replaced) while the refresh ran: then it stays deleted (S29).
func (h *grantHolder) keep(ctx context.Context, t tokenPair) error {
	c := h.c
	now, ok, err := c.loadGrant(ctx, h.userID)
	if err != nil {
		return err
	}
	if !ok || now.gen != h.cur.gen {
		return fmt.Errorf("%w: the grant was deleted while it was refreshed", ErrGrantRevoked)
	}
	g := h.cur
	g.tok = t
	if err := c.saveGrant(ctx, h.userID, g); err != nil {
		return err
	}
	// Deleted between that check and the save: the record cannot open
	// (its revoked mark refuses it), and is removed.
	revoked, err := c.loadMark(ctx, markRevoked, h.userID)
	if err != nil {
		return err
	}
	if !revoked.IsZero() && !g.created.After(revoked) {
		if err := c.grants.Delete(ctx, grantKey(h.userID)); err != nil {
			return c.storeFailed(ctx, event.Grant, event.Delete, "delete grant", err)
		}
		return fmt.Errorf("%w: the grant was deleted while it was refreshed", ErrGrantRevoked)
	}
	h.cur = g
	return nil
}

func (h *grantHolder) refused(ctx context.Context, err error) error {
	h.c.refusedRefresh(ctx, h.userID, true, err)
	return fmt.Errorf("%w: %w", ErrGrantRevoked, err)
}

// refusedRefresh ends everything of userID's that Rememberizer's refusal
// (err) revokes, and reports it: the grant, when it was the grant's
// refresh, and every session of the user. A store failure on the way
// is reported by the store call.
func (c *client) refusedRefresh(ctx context.Context, userID string, grant bool, err error) {
	_ = c.revokeUser(ctx, userID)
	if grant {
		c.emit(ctx, event.Event{Kind: event.GrantRevoked, UserID: userID}, err)
	}
	c.emit(ctx, event.Event{Kind: event.SessionEnded, Reason: event.Revoked, UserID: userID}, err)
}
