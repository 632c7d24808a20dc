package core

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/oauth2"
)

// refreshMemory is how long the result of a session's refresh is
// remembered for requests that still carry the old tokens. Rememberizer
// may rotate refresh tokens, so a second refresh with the old one would
// fail (and make a strict server revoke the grant); requests the browser
// sent before it saw the new cookie get the remembered result instead.
//
// After that minute a copy of the old cookie is refused in this process
// (signed out, without spending its refresh token): see
// [Client.superseded]. With a [Config.GrantStore] none of this applies:
// cookies carry no tokens.
const refreshMemory = time.Minute

// errStaleTokens reports a session whose refresh token was already
// rotated out by this process: a copy of a cookie from before a refresh.
var errStaleTokens = errors.New("rememberizer: the session's refresh token was already replaced")

// flightKey names one refresh: kind and the values that identify it.
func flightKey(kind string, parts ...string) [32]byte {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func refreshKey(s *Session) [32]byte { return flightKey("session", s.ID, s.Token.RefreshToken) }

// needsRefresh reports whether t is within the refresh skew of expiry.
// The skew never exceeds half the token's lifetime.
func (c *Client) needsRefresh(t Token, now time.Time) bool {
	if t.Expiry.IsZero() {
		return false
	}
	skew := c.cfg.RefreshSkew
	if !t.IssuedAt.IsZero() {
		skew = min(skew, t.Expiry.Sub(t.IssuedAt)/2)
	}
	return !now.Before(t.Expiry.Add(-skew))
}

// ensureFresh refreshes the tokens a session holds itself (no grant
// store) when they are near expiry, or when rejected (an access token the
// API refused) is still the session's, persists them, and returns the
// session to use. A refusal by Rememberizer ends the session
// ([ErrReauthRequired]); a passing failure keeps it, and s is still used
// while its access token has not expired ([ErrRefreshUnavailable] after).
//
// canWrite false means the response can no longer carry a cookie (the
// request ended): then a session kept in the browser is never refreshed
// ([ErrRequestEnded]), since its new tokens could not be kept and the old
// refresh token would be spent for nothing.
func (c *Client) ensureFresh(ctx context.Context, req Request, s *Session, rejected string, canWrite bool) (*Session, error) {
	now := c.now()
	force := rejected != "" && rejected == s.Token.AccessToken
	if !force && !c.needsRefresh(s.Token, now) {
		return s, nil
	}
	stillValid := !force && (s.Token.Expiry.IsZero() || now.Before(s.Token.Expiry))
	if s.Token.RefreshToken == "" {
		if stillValid {
			return s, nil
		}
		_ = c.endSession(req, s, canWrite)
		return nil, fmt.Errorf("%w: access token expired and no refresh token was issued", ErrReauthRequired)
	}
	if !canWrite && c.sessions.needsCookie() {
		if stillValid {
			return s, nil
		}
		return nil, fmt.Errorf("%w: the session's new tokens could not be kept", ErrRequestEnded)
	}

	var saveErr error
	key := refreshKey(s)
	tok, err, leader := c.refreshes.do(ctx, key, now, func() (Token, error) {
		nt, saved, err := c.refreshSession(ctx, req, s, rejected, canWrite)
		saveErr = saved
		return nt, err
	})
	if err != nil {
		return c.refreshFailed(ctx, req, s, err, stillValid, canWrite)
	}

	ns := withToken(s, tok, now)
	if leader {
		if saveErr != nil {
			return nil, saveErr
		}
		return ns, nil
	}
	// Refreshed by another request: this response carries the result too.
	if err := c.saveSession(req, ns, false, canWrite); err != nil {
		return nil, err
	}
	return ns, nil
}

// refreshFailed is what ensureFresh returns when refreshing s failed with
// err: a stale copy of the session is signed out; a refusal by
// Rememberizer ends the session ([ErrReauthRequired]); a passing failure
// keeps it, and s is used while its access token is stillValid.
func (c *Client) refreshFailed(ctx context.Context, req Request, s *Session, err error, stillValid, canWrite bool) (*Session, error) {
	switch {
	case errors.Is(err, errStaleTokens):
		if canWrite {
			req.SetCookie(c.sessionSlot.ExpiredCookie())
		}
		return nil, ErrNotSignedIn
	case errors.Is(err, ErrNotSignedIn), errors.Is(err, ErrStore):
		return nil, err
	case !transient(err):
		c.log.LogAttrs(ctx, slog.LevelInfo, "rememberizer: refresh refused, session ended",
			slog.String("user_id", s.User.ID), slog.String("error", err.Error()))
		_ = c.endSession(req, s, canWrite)
		return nil, fmt.Errorf("%w: %w", ErrReauthRequired, err)
	}
	c.log.LogAttrs(ctx, slog.LevelWarn, "rememberizer: refresh failed, session kept",
		slog.String("user_id", s.User.ID), slog.String("error", err.Error()))
	if stillValid {
		return s, nil
	}
	return nil, fmt.Errorf("%w: %w", ErrRefreshUnavailable, err)
}

// refreshSession is one refresh of a session's own tokens, run by the
// flight's leader. It returns the new tokens and the error of persisting
// them (the tokens are good even if that failed).
func (c *Client) refreshSession(parent context.Context, req Request, s *Session, rejected string, canWrite bool) (Token, error, error) {
	if s.key == "" && c.superseded.has(string(refreshKeyBytes(s)), c.now()) {
		// Only a session kept in the browser can be a stale copy: a
		// server-side one is re-read under the lock below.
		return Token{}, nil, errStaleTokens
	}
	ctx, cancel := c.refreshContext(parent)
	defer cancel()
	base := s
	refresh := s.Token.RefreshToken
	if l, ok := c.store.(Locker); ok && s.key != "" {
		unlock, err := c.lock(ctx, l, "refresh:"+s.key)
		if err != nil {
			return Token{}, nil, err
		}
		defer unlock()
		// Another instance may have refreshed while this one waited. The
		// stored refresh token is the newest: an older one is never sent.
		cur, err := c.reloadSession(s, req)
		if err != nil {
			return Token{}, nil, err
		}
		if cur == nil {
			return Token{}, nil, ErrNotSignedIn
		}
		if cur.Token.RefreshToken != refresh {
			if cur.Token.AccessToken != rejected && !c.needsRefresh(cur.Token, c.now()) {
				return cur.Token, nil, nil
			}
			refresh = cur.Token.RefreshToken
		}
		base = cur
	}
	nt, err := c.spendRefreshToken(ctx, refresh)
	if err != nil {
		return Token{}, nil, err
	}
	if s.key == "" && nt.RefreshToken != s.Token.RefreshToken {
		// A copy of the old cookie must not spend the rotated-out token
		// once the remembered result is forgotten.
		c.superseded.add(string(refreshKeyBytes(s)), c.now(), s.CreatedAt.Add(c.cfg.SessionLifetime))
	}
	c.log.LogAttrs(ctx, slog.LevelInfo, "rememberizer: tokens refreshed", slog.String("user_id", s.User.ID))
	// Persisted while still holding the lock, so that an instance that
	// takes it next reads the new tokens.
	return nt, c.saveSession(req, withToken(base, nt, c.now()), false, canWrite), nil
}

func refreshKeyBytes(s *Session) []byte {
	k := refreshKey(s)
	return k[:]
}

// withToken returns a copy of s with new tokens, seen at now.
func withToken(s *Session, t Token, now time.Time) *Session {
	ns := *s
	ns.Token = t
	ns.LastSeen = now
	return &ns
}

// spendRefreshToken sends refresh to the token endpoint and returns the
// new tokens, keeping refresh when none is returned.
func (c *Client) spendRefreshToken(ctx context.Context, refresh string) (Token, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, c.http)
	t, err := c.oauth.TokenSource(ctx, &oauth2.Token{RefreshToken: refresh}).Token()
	if err != nil {
		return Token{}, tokenError(err, "refresh")
	}
	nt := tokenFrom(t, c.now())
	if nt.RefreshToken == "" {
		nt.RefreshToken = refresh
	}
	return nt, nil
}

// refreshContext is the context a refresh runs in: detached from the
// request that started it, and ending (after two HTTP timeouts: one to
// wait for the lock, one for the token request) before the lock does.
func (c *Client) refreshContext(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(parent), c.lockTTL)
}

// lock takes the cross-instance refresh lock named key. Its TTL outlives
// the longest token request the HTTP client allows, and the refresh that
// holds it runs under a context that ends before the TTL does, so a
// holder can never spend a token after losing the lock.
func (c *Client) lock(ctx context.Context, l Locker, key string) (func(), error) {
	// Waiting takes at most one HTTP timeout, which leaves the refresh at
	// least one whole HTTP timeout for its token request.
	wait, cancel := context.WithTimeout(ctx, c.http.Timeout)
	defer cancel()
	unlock, err := l.Lock(wait, key, c.lockTTL+lockMargin)
	if err != nil {
		return nil, fmt.Errorf("%w: refresh lock: %w", ErrStoreUnavailable, err)
	}
	return unlock, nil
}

// lockMargin is how much longer a refresh lock lives than the refresh
// that holds it may run.
const lockMargin = 5 * time.Second
