package core

import (
	"fmt"
	"time"
)

// This file moves records between a Request and the Store: encode, seal,
// save; load, open, decode. Every record that leaves the process is sealed
// for the slot it is stored in.

// loadSession returns the browser's session, ErrNotSignedIn when it has
// none that opens, or an ErrStore error when the store failed.
func (c *Client) loadSession(req Request) (*Session, error) {
	raw, err := c.store.Load(req, c.sessionSlot)
	if err != nil {
		return nil, fmt.Errorf("%w: load session: %w", ErrStore, err)
	}
	if raw == nil {
		return nil, ErrNotSignedIn
	}
	// The cookie store decodes a fresh buffer for every Load, so the
	// session may be decrypted in place; other stores may keep theirs.
	_, ownBuffer := c.store.(CookieStore)
	plain, err := c.keys.openAD(raw, c.sessionAD, ownBuffer)
	if err != nil {
		return nil, c.dropBadSession(req)
	}
	// plain is a buffer of our own, written by the decryption and
	// touched by nothing else: the session may keep it.
	s, err := decodeOwnedSession(plain)
	if err != nil {
		return nil, c.dropBadSession(req)
	}
	return s, nil
}

// dropBadSession expires a session cookie that does not open (tampered,
// or sealed by a retired key) and reports the browser signed out.
func (c *Client) dropBadSession(req Request) error {
	req.SetCookie(c.sessionSlot.ExpiredCookie())
	return ErrNotSignedIn
}

// saveSession seals s and stores it for the rest of its lifetime; fresh
// asks the store for a new identity (after sign-in).
func (c *Client) saveSession(req Request, s *Session, fresh bool) error {
	slot := c.sessionSlot
	slot.MaxAge = s.CreatedAt.Add(c.cfg.SessionLifetime).Sub(c.now())
	slot.Fresh = fresh
	sealed, err := c.keys.seal(nil, encodeSession(make([]byte, 0, 192), s), slot.Name)
	if err != nil {
		return err
	}
	if err := c.store.Save(req, slot, sealed); err != nil {
		return fmt.Errorf("%w: save session: %w", ErrStore, err)
	}
	return nil
}

// endSession deletes the browser's session and refuses its id in this
// process until the session would have expired anyway.
func (c *Client) endSession(req Request, s *Session) error {
	if s != nil {
		c.revoked.add(s.ID, c.now(), s.CreatedAt.Add(c.cfg.SessionLifetime))
	}
	if err := c.store.Delete(req, c.sessionSlot); err != nil {
		return fmt.Errorf("%w: delete session: %w", ErrStore, err)
	}
	return nil
}

// loadPending returns the browser's pending logins; nil when it has none
// that open.
func (c *Client) loadPending(req Request) ([]pendingLogin, error) {
	raw, err := c.store.Load(req, c.loginSlot)
	if err != nil {
		return nil, fmt.Errorf("%w: load pending login: %w", ErrStore, err)
	}
	if raw == nil {
		return nil, nil
	}
	plain, err := c.keys.open(raw, c.loginSlot.Name)
	if err != nil {
		return nil, nil
	}
	list, err := decodePending(plain)
	if err != nil {
		return nil, nil
	}
	return list, nil
}

// savePending stores list, or deletes the slot when it is empty.
func (c *Client) savePending(req Request, list []pendingLogin) error {
	if len(list) == 0 {
		if err := c.store.Delete(req, c.loginSlot); err != nil {
			return fmt.Errorf("%w: delete pending login: %w", ErrStore, err)
		}
		return nil
	}
	sealed, err := c.keys.seal(nil, encodePending(nil, list), c.loginSlot.Name)
	if err != nil {
		return err
	}
	if err := c.store.Save(req, c.loginSlot, sealed); err != nil {
		return fmt.Errorf("%w: save pending login: %w", ErrStore, err)
	}
	return nil
}

// sessionAlive reports why s can no longer be used at now, or nil.
func (c *Client) sessionAlive(s *Session, now time.Time) error {
	if !now.Before(s.CreatedAt.Add(c.cfg.SessionLifetime)) || !now.Before(s.LastSeen.Add(c.cfg.IdleTimeout)) {
		return ErrSessionExpired
	}
	if s.CreatedAt.After(now.Add(maxClockSkew)) {
		// Sealed in the future: a clock gone wrong; refuse it.
		return ErrSessionExpired
	}
	if c.revoked.has(s.ID, now) {
		return ErrNotSignedIn
	}
	return nil
}

// touchInterval is how stale LastSeen may get before it is written back.
func (c *Client) touchInterval() time.Duration {
	return min(time.Minute, c.cfg.IdleTimeout/10)
}
