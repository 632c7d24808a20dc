package core

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"time"

	"github.com/rzauth/rememberizer-go/core/event"
)

// This file keeps users' grants: the tokens Rememberizer issued for a
// user, server-side in [Config.GrantStore], keyed by the Rememberizer user
// id, shared by every instance, every session of that user, and background
// jobs.
//
// A grant has a generation, random and made when the grant is first
// stored, kept by later sign-ins and refreshes. Sessions remember it and
// use no other grant: a session made before [Client.DeleteGrant] never
// uses a grant stored by a later sign-in. A grant also carries when its
// generation began, so a "revoked" mark (see usermark.go) refuses every
// older record, even one written back.

// The first byte of an encoded grant. Version 1 records (no generation)
// still decode, as generation 0, begun at the zero time.
const (
	grantVersion   = 2
	grantVersionV1 = 1
)

// defaultGrantLifetime is how long a grant is kept after it was last
// written (sign-in or refresh) when [Config.GrantLifetime] is zero.
const defaultGrantLifetime = 30 * 24 * time.Hour

// grant is one user's stored grant.
type grant struct {
	gen     uint64    // the generation; 0 for a version 1 record
	created time.Time // when the generation began
	tok     tokenPair
}

// grantKey is the store key of userID's grant.
func grantKey(userID string) string { return recordKey("grant", userID) }

func encodeGrant(dst []byte, userID string, g grant) []byte {
	e := encoder{buf: dst}
	e.byte(grantVersion)
	e.string(userID)
	e.uint(g.gen)
	e.time(milliOrZero(g.created))
	e.string(g.tok.AccessToken)
	e.string(g.tok.RefreshToken)
	e.string(g.tok.TokenType)
	e.time(milliOrZero(g.tok.Expiry))
	e.time(milliOrZero(g.tok.IssuedAt))
	return e.buf
}

func decodeGrant(b []byte, userID string) (grant, error) {
	d := decoder{buf: string(b)}
	var g grant
	version := d.byte()
	if version != grantVersion && version != grantVersionV1 {
		return grant{}, errMalformed
	}
	owner := d.string()
	if version == grantVersion {
		g.gen = d.uint()
		g.created = timeOrZeroMilli(d.time())
	}
	g.tok.AccessToken = d.string()
	g.tok.RefreshToken = d.string()
	g.tok.TokenType = d.string()
	g.tok.Expiry = timeOrZeroMilli(d.time())
	g.tok.IssuedAt = timeOrZeroMilli(d.time())
	if err := d.done(); err != nil {
		return grant{}, err
	}
	if owner != userID || g.tok.AccessToken == "" {
		return grant{}, errMalformed
	}
	return g, nil
}

// loadGrant returns userID's grant; ok is false when there is none, it
// does not open, or a revoked mark refuses it.
func (c *client) loadGrant(ctx context.Context, userID string) (g grant, ok bool, err error) {
	key := grantKey(userID)
	raw, found, err := c.grants.Find(ctx, key)
	if err != nil {
		return grant{}, false, c.storeFailed(ctx, event.Grant, event.Find, "load grant", err)
	}
	if !found {
		return grant{}, false, nil
	}
	plain, err := c.keys.openAD(raw, recordAD(key), false)
	if err != nil {
		return grant{}, false, nil
	}
	if g, err = decodeGrant(plain, userID); err != nil {
		return grant{}, false, nil
	}
	revoked, err := c.loadMark(ctx, markRevoked, userID)
	if err != nil {
		return grant{}, false, err
	}
	if !revoked.IsZero() && !g.created.After(revoked) {
		return grant{}, false, nil
	}
	return g, true, nil
}

// saveGrant stores g as userID's grant for [Config.GrantLifetime].
func (c *client) saveGrant(ctx context.Context, userID string, g grant) error {
	key := grantKey(userID)
	sealed, err := c.keys.sealAD(nil, encodeGrant(nil, userID, g), recordAD(key))
	if err != nil {
		return err
	}
	if err := c.grants.Commit(ctx, key, sealed, c.cfg.GrantLifetime); err != nil {
		return c.storeFailed(ctx, event.Grant, event.Commit, "save grant", err)
	}
	return nil
}

// signInGrant stores the tokens of a sign-in in userID's grant and
// returns its generation. A live grant keeps its generation (the user's
// other sessions go on with the new tokens); otherwise a new generation
// begins, after any revoked mark.
func (c *client) signInGrant(ctx context.Context, userID string, t tokenPair, now time.Time) (uint64, error) {
	g, ok, err := c.loadGrant(ctx, userID)
	if err != nil {
		return 0, err
	}
	if !ok {
		revoked, err := c.loadMark(ctx, markRevoked, userID)
		if err != nil {
			return 0, err
		}
		gen, err := c.newGeneration()
		if err != nil {
			return 0, err
		}
		g = grant{gen: gen, created: after(now, revoked)}
	}
	g.tok = t
	return g.gen, c.saveGrant(ctx, userID, g)
}

// newGeneration returns a random, non-zero grant generation.
func (c *client) newGeneration() (uint64, error) {
	var b [8]byte
	for {
		if _, err := io.ReadFull(c.rand, b[:]); err != nil {
			return 0, fmt.Errorf("%w: %v", errRandom, err)
		}
		if gen := binary.LittleEndian.Uint64(b[:]); gen != 0 {
			return gen, nil
		}
	}
}

// DeleteGrant is [Client.DeleteGrant].
func (c *client) DeleteGrant(ctx context.Context, userID string) error {
	if c.grants == nil {
		return nil
	}
	if userID == "" {
		return fmt.Errorf("%w: empty user id", ErrInvalidConfig)
	}
	if err := c.revokeUser(ctx, userID); err != nil {
		return err
	}
	c.emit(ctx, event.Event{Kind: event.GrantDeleted, UserID: userID}, nil)
	return nil
}
