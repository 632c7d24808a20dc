package core

import (
	"context"
	"fmt"
	"time"
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
