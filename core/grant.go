package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/oauth2"
)

// This file keeps users' grants: the tokens Rememberizer issued for a
// user, server-side in [Config.GrantStore], keyed by the Rememberizer user
// id, shared by every instance, every session of that user, and background
// jobs.

// grantVersion is the first byte of an encoded grant.
const grantVersion = 1

// DefaultGrantLifetime is how long a grant is kept after it was last
// written (sign-in or refresh) when [Config.GrantLifetime] is zero.
const DefaultGrantLifetime = 30 * 24 * time.Hour

// grantKey is the store key of userID's grant.
func grantKey(userID string) string { return recordKey("grant", userID) }

func encodeGrant(dst []byte, userID string, t Token) []byte {
	e := encoder{buf: dst}
	e.byte(grantVersion)
	e.string(userID)
	e.string(t.AccessToken)
	e.string(t.RefreshToken)
	e.string(t.TokenType)
	e.time(milliOrZero(t.Expiry))
	e.time(milliOrZero(t.IssuedAt))
	return e.buf
}

func decodeGrant(b []byte, userID string) (Token, error) {
	d := decoder{buf: string(b)}
	if d.byte() != grantVersion {
		return Token{}, errMalformed
	}
	var t Token
	owner := d.string()
	t.AccessToken = d.string()
	t.RefreshToken = d.string()
	t.TokenType = d.string()
	t.Expiry = timeOrZeroMilli(d.time())
	t.IssuedAt = timeOrZeroMilli(d.time())
	if err := d.done(); err != nil {
		return Token{}, err
	}
	if owner != userID || t.AccessToken == "" {
		return Token{}, errMalformed
	}
	return t, nil
}

// loadGrant returns userID's grant; ok is false when there is none (or it
// does not open).
func (c *Client) loadGrant(ctx context.Context, userID string) (t Token, ok bool, err error) {
	key := grantKey(userID)
	raw, found, err := c.grants.Find(ctx, key)
	if err != nil {
		return Token{}, false, fmt.Errorf("%w: load grant: %w", ErrStore, err)
	}
	if !found {
		return Token{}, false, nil
	}
	plain, err := c.keys.openAD(raw, recordAD(key), false)
	if err != nil {
		return Token{}, false, nil
	}
	t, err = decodeGrant(plain, userID)
	if err != nil {
		return Token{}, false, nil
	}
	return t, true, nil
}

// saveGrant stores t as userID's grant for [Config.GrantLifetime].
func (c *Client) saveGrant(ctx context.Context, userID string, t Token) error {
	key := grantKey(userID)
	sealed, err := c.keys.sealAD(nil, encodeGrant(nil, userID, t), recordAD(key))
	if err != nil {
		return err
	}
	if err := c.grants.Commit(ctx, key, sealed, c.cfg.GrantLifetime); err != nil {
		return fmt.Errorf("%w: save grant: %w", ErrStore, err)
	}
	return nil
}

// DeleteGrant forgets userID's grant: background access for that user
// stops, and every session of that user must sign in again before it can
// call the API (signing in stores a new grant). Rememberizer documents no
// token revocation endpoint, so the tokens themselves stay valid at
// Rememberizer until they expire or the user disconnects the app there.
// It is a no-op without a [Config.GrantStore].
func (c *Client) DeleteGrant(ctx context.Context, userID string) error {
	if c.grants == nil {
		return nil
	}
	if err := c.grants.Delete(ctx, grantKey(userID)); err != nil {
		return fmt.Errorf("%w: delete grant: %w", ErrStore, err)
	}
	return nil
}

// grantToken returns a usable token from userID's grant, refreshing it
// when it is near expiry, or when rejected (an access token the API just
// refused) is still the stored one. One refresh per grant runs at a time
// in this process, and across instances when the grant store is a
// [Locker]; the new tokens are stored before anyone uses them.
//
// Errors: [ErrNoGrant] when there is no grant; [ErrGrantRevoked] when
// Rememberizer refused the refresh (the grant is deleted);
// [ErrRefreshUnavailable] when it could not be refreshed for now and the
// stored access token has expired; [ErrStore] when the store failed.
func (c *Client) grantToken(ctx context.Context, userID, rejected string) (Token, error) {
	t, ok, err := c.loadGrant(ctx, userID)
	if err != nil {
		return Token{}, err
	}
	if !ok {
		return Token{}, ErrNoGrant
	}
	now := c.now()
	force := rejected != "" && t.AccessToken == rejected
	if !force && !c.needsRefresh(t, now) {
		return t, nil
	}
	stillValid := !force && (t.Expiry.IsZero() || now.Before(t.Expiry))
	if t.RefreshToken == "" {
		if stillValid {
			return t, nil
		}
		return Token{}, fmt.Errorf("%w: the access token expired and no refresh token was issued", ErrNoGrant)
	}
	key := flightKey("grant", userID)
	nt, err, _ := c.grantRefreshes.do(ctx, key, now, func() (Token, error) {
		return c.refreshGrant(ctx, userID, rejected)
	})
	if err != nil {
		if errors.Is(err, ErrGrantRevoked) || errors.Is(err, ErrNoGrant) || errors.Is(err, ErrStore) {
			return Token{}, err
		}
		c.log.LogAttrs(ctx, slog.LevelWarn, "rememberizer: grant refresh failed, grant kept",
			slog.String("user_id", userID), slog.String("error", err.Error()))
		if stillValid {
			return t, nil
		}
		return Token{}, fmt.Errorf("%w: %w", ErrRefreshUnavailable, err)
	}
	return nt, nil
}

// refreshGrant is one refresh of userID's grant, run by the flight's
// leader. It outlives the caller's context (others wait for it, and its
// result must be kept) but not the HTTP client's timeout.
func (c *Client) refreshGrant(parent context.Context, userID, rejected string) (Token, error) {
	ctx, cancel := c.refreshContext(parent)
	defer cancel()
	if l, ok := c.grants.(Locker); ok {
		unlock, err := c.lock(ctx, l, "refresh:"+grantKey(userID))
		if err != nil {
			return Token{}, err
		}
		defer unlock()
	}
	// The stored grant is the truth: another instance, or a sign-in, may
	// have replaced it while this one waited. Its refresh token is never
	// older than the one this caller saw.
	cur, ok, err := c.loadGrant(ctx, userID)
	if err != nil {
		return Token{}, err
	}
	if !ok {
		return Token{}, ErrNoGrant
	}
	if cur.AccessToken != rejected && !c.needsRefresh(cur, c.now()) {
		return cur, nil
	}
	if cur.RefreshToken == "" {
		return Token{}, fmt.Errorf("%w: no refresh token", ErrNoGrant)
	}
	nt, err := c.spendRefreshToken(ctx, cur.RefreshToken)
	if err != nil {
		if !transient(err) {
			c.log.LogAttrs(ctx, slog.LevelInfo, "rememberizer: refresh refused, grant deleted",
				slog.String("user_id", userID), slog.String("error", err.Error()))
			if derr := c.grants.Delete(ctx, grantKey(userID)); derr != nil {
				c.log.LogAttrs(ctx, slog.LevelError, "rememberizer: deleting a refused grant failed",
					slog.String("user_id", userID), slog.String("error", derr.Error()))
			}
			return Token{}, fmt.Errorf("%w: %w", ErrGrantRevoked, err)
		}
		return Token{}, err
	}
	// Stored while still holding the lock, so the instance that takes it
	// next reads the new tokens.
	if err := c.saveGrant(ctx, userID, nt); err != nil {
		c.log.LogAttrs(ctx, slog.LevelError, "rememberizer: refreshed tokens could not be stored",
			slog.String("user_id", userID), slog.String("error", err.Error()))
		return Token{}, err
	}
	c.log.LogAttrs(ctx, slog.LevelInfo, "rememberizer: tokens refreshed", slog.String("user_id", userID))
	return nt, nil
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
