package core

import (
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// refreshMemory is how long the result of a refresh is remembered for
// requests that still carry the old tokens. Rememberizer may rotate
// refresh tokens, so a second refresh with the old one would fail and sign
// the user out; requests sent before the browser saw the new cookie get
// the remembered result instead.
const refreshMemory = time.Minute

// refreshLockTTL bounds how long a refresh lock outlives a crashed holder:
// longer than a token request may take.
const refreshLockTTL = 2 * DefaultHTTPTimeout

// refresher runs at most one refresh per (session, refresh token) at a
// time in this process, and shares its result with every request that
// asks for the same one.
type refresher struct {
	mu      sync.Mutex
	flights map[[32]byte]*flight
}

type flight struct {
	done     chan struct{}
	tok      Token
	err      error
	finished time.Time
}

func newRefresher() *refresher {
	return &refresher{flights: make(map[[32]byte]*flight)}
}

// do returns fn's result for key, running fn only if no flight for key is
// under way or remembered; leader reports whether this call ran it.
// Failures that may pass are forgotten at once, so the next request tries
// again.
func (r *refresher) do(key [32]byte, now time.Time, fn func() (Token, error)) (tok Token, err error, leader bool) {
	r.mu.Lock()
	for k, f := range r.flights {
		if !f.finished.IsZero() && now.Sub(f.finished) > refreshMemory {
			delete(r.flights, k)
		}
	}
	if f, ok := r.flights[key]; ok {
		r.mu.Unlock()
		<-f.done
		return f.tok, f.err, false
	}
	f := &flight{done: make(chan struct{})}
	r.flights[key] = f
	r.mu.Unlock()

	f.tok, f.err = fn()

	r.mu.Lock()
	f.finished = now
	if f.err != nil && transient(f.err) {
		delete(r.flights, key)
	}
	r.mu.Unlock()
	close(f.done)
	return f.tok, f.err, true
}

func refreshKey(s *Session) [32]byte {
	return sha256.Sum256([]byte(s.ID + "\x00" + s.Token.RefreshToken))
}

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

// ensureFresh refreshes s's tokens when they are near expiry, or always
// when force is set (the API answered 401), persists them, and returns the
// session to use. A refusal by Rememberizer ends the session
// ([ErrReauthRequired]); a passing failure keeps it, and s is still used
// while its access token has not expired ([ErrRefreshUnavailable] after).
func (c *Client) ensureFresh(req Request, s *Session, force bool) (*Session, error) {
	now := c.now()
	if !force && !c.needsRefresh(s.Token, now) {
		return s, nil
	}
	stillValid := !force && (s.Token.Expiry.IsZero() || now.Before(s.Token.Expiry))
	if s.Token.RefreshToken == "" {
		if stillValid {
			return s, nil
		}
		_ = c.endSession(req, s)
		return nil, fmt.Errorf("%w: access token expired and no refresh token was issued", ErrReauthRequired)
	}

	var saveErr error
	tok, err, leader := c.refreshes.do(refreshKey(s), now, func() (Token, error) {
		// The refresh outlives the request that started it: other
		// requests wait for it, and its result must be kept.
		ctx := context.WithValue(context.WithoutCancel(req.Context()), oauth2.HTTPClient, c.http)
		if l, ok := c.store.(Locker); ok {
			unlock, err := l.Lock(ctx, "refresh:"+s.ID, refreshLockTTL)
			if err != nil {
				return Token{}, fmt.Errorf("%w: refresh lock: %w", ErrStoreUnavailable, err)
			}
			defer unlock()
			// Another instance may have refreshed while we waited.
			if cur, err := c.loadSession(req); err == nil && cur.ID == s.ID &&
				cur.Token.RefreshToken != s.Token.RefreshToken && !c.needsRefresh(cur.Token, c.now()) {
				return cur.Token, nil
			}
		}
		t, err := c.oauth.TokenSource(ctx, &oauth2.Token{RefreshToken: s.Token.RefreshToken}).Token()
		if err != nil {
			return Token{}, tokenError(err, "refresh")
		}
		nt := tokenFrom(t, c.now())
		if nt.RefreshToken == "" {
			nt.RefreshToken = s.Token.RefreshToken
		}
		c.log.LogAttrs(ctx, slog.LevelInfo, "rememberizer: tokens refreshed", slog.String("user_id", s.User.ID))
		// Persist while still holding the lock, so that an instance
		// that takes it next reads the new tokens.
		saveErr = c.saveSession(req, withToken(s, nt, now), false)
		return nt, nil
	})
	if err != nil {
		if !transient(err) {
			c.log.LogAttrs(req.Context(), slog.LevelInfo, "rememberizer: refresh refused, session ended",
				slog.String("user_id", s.User.ID), slog.String("error", err.Error()))
			_ = c.endSession(req, s)
			return nil, fmt.Errorf("%w: %w", ErrReauthRequired, err)
		}
		c.log.LogAttrs(req.Context(), slog.LevelWarn, "rememberizer: refresh failed, session kept",
			slog.String("user_id", s.User.ID), slog.String("error", err.Error()))
		if stillValid {
			return s, nil
		}
		return nil, fmt.Errorf("%w: %w", ErrRefreshUnavailable, err)
	}

	ns := withToken(s, tok, now)
	if leader {
		if saveErr != nil {
			return nil, saveErr
		}
		return ns, nil
	}
	// Refreshed by another request: this response carries the result too.
	if err := c.saveSession(req, ns, false); err != nil {
		return nil, err
	}
	return ns, nil
}

// withToken returns a copy of s with new tokens, seen at now.
func withToken(s *Session, t Token, now time.Time) *Session {
	ns := *s
	ns.Token = t
	ns.LastSeen = now
	return &ns
}
