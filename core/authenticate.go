package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/event"
)

// authenticate loads the session of the browser making req, for
// RequireRememberizer. It enforces the absolute lifetime and idle timeout
// from the sealed record, refuses sessions ended in this process or, where
// a server-side store keeps the mark, ended everywhere ([Client.EndSessions],
// [Client.DeleteGrant], a refused refresh), refreshes the user's access
// token when it is within the refresh skew of expiry (once across
// concurrent requests and instances, persisting the new tokens, wherever
// they live), and writes back activity at most once a minute.
//
// Errors: [ErrNotSignedIn] (or [ErrSessionExpired], [ErrReauthRequired],
// which wrap it) when the browser must sign in; [ErrRefreshUnavailable]
// when the token expired and Rememberizer cannot refresh it right now;
// [ErrStore] when the store failed. On any error the caller must not serve
// the protected resource.
func (c *client) authenticate(req adapter.Request) (*Session, error) {
	s, mark, err := c.loadSessionAndMark(req)
	if err != nil {
		return nil, err
	}
	ctx := req.Context()
	now := c.now()
	if s.sec().grant && c.grants == nil {
		return nil, c.noGrantStore(ctx, req, s)
	}
	if err := c.sessionUsable(ctx, s, mark, now); err != nil {
		if errors.Is(err, ErrStore) {
			return nil, err
		}
		if delErr := c.endSession(ctx, req, s); delErr != nil {
			return nil, delErr
		}
		if reason := c.sessionEndReason(s, now, err); reason != "" {
			c.emit(ctx, event.Event{Kind: event.SessionEnded, Reason: reason, UserID: s.User.ID}, nil)
		}
		return nil, err
	}
	fresh := s
	// The clock read once per request: sessionTokens would read it again.
	if !c.tokensCurrent(s, "", false, now) {
		if fresh, _, err = c.sessionTokens(ctx, req, s, "", false); err != nil {
			return nil, err
		}
	}
	if fresh == s && now.Sub(s.LastSeen) >= c.touchInterval() {
		ns := s.withSecrets()
		ns.LastSeen = now
		if err := c.saveSession(ctx, req, ns, false); err != nil {
			return nil, fmt.Errorf("authenticate: %w", err)
		}
		fresh = ns
	}
	return fresh, nil
}

// sessionUsable reports why s cannot be used at now, or nil: its
// lifetime, this process's record of ended sessions, and the user's mark
// of sessions ended everywhere.
func (c *client) sessionUsable(ctx context.Context, s *Session, mark markHint, now time.Time) error {
	if err := c.sessionAlive(s, now); err != nil {
		return err
	}
	return c.endedEverywhere(ctx, s, mark)
}

// authenticateOptional is Authenticate for public pages that show who is
// signed in: it returns the session, or nil when there is none or it
// cannot be used right now (that failure is logged, not returned).
func (c *client) authenticateOptional(req adapter.Request) *Session {
	s, err := c.authenticate(req)
	if err != nil {
		if !isSignedOut(err) {
			c.log.LogAttrs(req.Context(), slog.LevelWarn, "rememberizer: session unavailable on a public page",
				slog.String("error", err.Error()))
		}
		return nil
	}
	return s
}
