package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

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
