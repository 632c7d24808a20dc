package core

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/event"
)

// This file moves records between a adapter.Request and where they are kept:
// sessions in the configured backend, pending logins always in a sealed
// cookie (so an anonymous visitor never creates server-side state).

// loadSession returns the browser's session, ErrNotSignedIn when it has
// none that opens, or an ErrStore error when the store failed.
func (c *client) loadSession(req adapter.Request) (*Session, error) {
	s, _, err := c.loadSessionAndMark(req)
	return s, err
}

// loadSessionAndMark is loadSession, with the mark that may have ended the
// session when the store read it in the same round trip.
func (c *client) loadSessionAndMark(req adapter.Request) (*Session, markHint, error) {
	plain, key, mark, err := c.sessions.load(req, c.sessionSlot)
	if err != nil {
		return nil, markHint{}, c.storeFailed(req.Context(), event.Session, event.Find, "load session", err)
	}
	if plain == nil {
		if req.Cookie(c.sessionSlot.Name) != "" {
			return nil, markHint{}, c.dropBadSession(req)
		}
		return nil, markHint{}, ErrNotSignedIn
	}
	// plain is a buffer of our own, written by the decryption and
	// touched by nothing else: the session may keep it. The request's
	// scope has room for the first session it loads.
	var into *sessionAndSecrets
	if t, ok := req.(*trackedRequest); ok {
		into, t.spare = t.spare, nil
	}
	s, err := decodeOwnedSession(plain, into)
	if err != nil {
		if errors.Is(err, errNewerRecord) {
			c.log.LogAttrs(req.Context(), slog.LevelWarn, "rememberizer: session signed out: its record was written by a newer version of the library")
		}
		return nil, markHint{}, c.dropBadSession(req)
	}
	if mark.tag != "" && mark.tag != c.userTag(s.User.ID) {
		// The cookie names another user than its session's: tampered.
		return nil, markHint{}, c.dropBadSession(req)
	}
	s.sec().key = key
	return s, mark, nil
}

// reloadSession re-reads s's server-side record, without the request.
// It returns nil when the record is gone or s lives in the browser.
func (c *client) reloadSession(ctx context.Context, s *Session) (*Session, error) {
	if s.sec().key == "" {
		return nil, nil
	}
	plain, err := c.sessions.reload(ctx, s.sec().key)
	if err != nil {
		return nil, c.storeFailed(ctx, event.Session, event.Find, "reload session", err)
	}
	if plain == nil {
		return nil, nil
	}
	cur, err := decodeSession(plain)
	if err != nil || cur.sec().id != s.sec().id {
		return nil, nil
	}
	cur.sec().key = s.sec().key
	return cur, nil
}

// dropBadSession expires a session cookie that does not open (tampered,
// sealed by a retired key, or naming no record) and reports the browser
// signed out.
func (c *client) dropBadSession(req adapter.Request) error {
	req.SetCookie(c.sessionSlot.ExpiredCookie())
	return ErrNotSignedIn
}

// saveSession seals s and stores it for the rest of its lifetime; fresh
// asks for a new identity (after sign-in). A request that has ended can
// only have a server-side record updated ([ErrRequestEnded] otherwise).
func (c *client) saveSession(ctx context.Context, req adapter.Request, s *Session, fresh bool) error {
	slot := c.sessionSlot
	slot.MaxAge = s.CreatedAt.Add(c.cfg.SessionLifetime).Sub(c.now())
	slot.Fresh = fresh
	key := s.sec().key
	if fresh {
		key = ""
	}
	tag := ""
	if c.store != nil && (fresh || key == "") {
		tag = c.userTag(s.User.ID)
	}
	if err := c.sessions.save(ctx, req, slot, key, tag, encodeSession(make([]byte, 0, 192), s)); err != nil {
		if err == ErrRequestEnded {
			return err
		}
		return c.storeFailed(ctx, event.Session, event.Commit, "save session", err)
	}
	return nil
}

// endSession deletes the browser's session (its cookie only while the
// request lasts) and refuses its id in this process until the session
// would have expired anyway.
func (c *client) endSession(ctx context.Context, req adapter.Request, s *Session) error {
	key := ""
	if s != nil {
		c.revoked.add(s.sec().id, c.now(), s.CreatedAt.Add(c.cfg.SessionLifetime))
		key = s.sec().key
	}
	if err := c.sessions.remove(ctx, req, c.sessionSlot, key); err != nil {
		if err == ErrRequestEnded {
			return nil
		}
		return c.storeFailed(ctx, event.Session, event.Delete, "delete session", err)
	}
	return nil
}

// sessionAlive reports why s can no longer be used at now, or nil.
func (c *client) sessionAlive(s *Session, now time.Time) error {
	if !now.Before(s.CreatedAt.Add(c.cfg.SessionLifetime)) || !now.Before(s.LastSeen.Add(c.cfg.IdleTimeout)) {
		return ErrSessionExpired
	}
	if s.CreatedAt.After(now.Add(maxClockSkew)) {
		// Sealed in the future: a clock gone wrong; refuse it.
		return ErrSessionExpired
	}
	if c.revoked.has(s.sec().id, now) {
		return ErrNotSignedIn
	}
	return nil
}

// touchInterval is how stale LastSeen may get before it is written back.
func (c *client) touchInterval() time.Duration {
	return min(time.Minute, c.cfg.IdleTimeout/10)
}
