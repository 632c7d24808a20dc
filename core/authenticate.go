package core

import (
	"fmt"
	"log/slog"
)

// Authenticate loads the session of the browser making req, for
// RequireRememberizer. It enforces the absolute lifetime and idle timeout
// from the sealed record, refuses sessions ended in this process, refreshes
// the access token the session holds when it is within the refresh skew of
// expiry (once per session at a time, persisting the new tokens; with a
// [Config.GrantStore] the grant is refreshed only when the API client needs
// it), and writes back activity at most once a minute.
//
// Errors: [ErrNotSignedIn] (or [ErrSessionExpired], [ErrReauthRequired],
// which wrap it) when the browser must sign in; [ErrRefreshUnavailable]
// when the token expired and Rememberizer cannot refresh it right now;
// [ErrStore] when the store failed. On any error the caller must not serve
// the protected resource.
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
func (c *Client) Authenticate(req Request) (*Session, error) {
	s, err := c.loadSession(req)
	if err != nil {
		return nil, err
	}
	now := c.now()
	if err := c.sessionAlive(s, now); err != nil {
		if delErr := c.endSession(req, s, true); delErr != nil {
			return nil, delErr
		}
		return nil, err
	}
	fresh := s
	if !s.grant {
		// Tokens held by the session are refreshed here; a grant's only
		// when the API client needs them.
		if fresh, err = c.ensureFresh(req.Context(), req, s, "", true); err != nil {
			return nil, err
		}
	}
	if fresh == s && now.Sub(s.LastSeen) >= c.touchInterval() {
		ns := *s
		ns.LastSeen = now
		if err := c.saveSession(req, &ns, false, true); err != nil {
			return nil, fmt.Errorf("authenticate: %w", err)
		}
		fresh = &ns
	}
	return fresh, nil
}

// AuthenticateOptional is Authenticate for public pages that show who is
// signed in: it returns the session, or nil when there is none or it
// cannot be used right now (that failure is logged, not returned).
//
// For adapters only: apps reach this through an adapter's routes and
// middleware.
func (c *Client) AuthenticateOptional(req Request) *Session {
	s, err := c.Authenticate(req)
	if err != nil {
		if !IsSignedOut(err) {
			c.log.LogAttrs(req.Context(), slog.LevelWarn, "rememberizer: session unavailable on a public page",
				slog.String("error", err.Error()))
		}
		return nil
	}
	return s
}
