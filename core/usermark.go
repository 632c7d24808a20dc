package core

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/rzauth/rememberizer-go/core/event"
)

// This file keeps the marks that end a user's sessions and grants
// everywhere (SECURITY.md S29): records every instance reads, named by the
// user's tag (see [Client.userTag]).
//
//   - "ended": sessions of the user created at or before this time are
//     over. Written by [Client.EndSessions], by [Client.DeleteGrant] and
//     when Rememberizer refuses a refresh. Kept beside the sessions, in
//     [Config.Store] (or, without one, [Config.GrantStore]), and checked on
//     every protected request: a store that is an [adapter.MultiFinder] reads it
//     in the same round trip as the session (the session cookie carries
//     the tag); otherwise it is one more read.
//   - "revoked": grants of the user created at or before this time never
//     open again, so neither a refresh in flight nor an old record written
//     back revives one. Written by DeleteGrant and on a refused refresh,
//     in the grant store.
//
// A mark only ever moves forward in time. A session or grant made in the
// millisecond of a mark is dated just past it (see [after]), so a new mark
// is written at the current time or just past the mark it replaces,
// whichever is later: it covers everything made before the call. Of two
// instances writing one at once, the later write stands, and covers
// everything made before its own call began.

// markVersion is the first byte of an encoded mark.
const markVersion = 1

// The kinds of mark.
const (
	markEnded   = "ended"
	markRevoked = "revoked"
)

func encodeMark(userID string, at time.Time) []byte {
	e := encoder{buf: make([]byte, 0, 16+len(userID))}
	e.byte(markVersion)
	e.string(userID)
	e.time(milliOrZero(at))
	return e.buf
}

func decodeMark(b []byte, userID string) (time.Time, error) {
	d := decoder{buf: string(b)}
	if d.byte() != markVersion {
		return time.Time{}, errMalformed
	}
	owner := d.string()
	at := timeOrZeroMilli(d.time())
	if err := d.done(); err != nil {
		return time.Time{}, err
	}
	if owner != userID {
		return time.Time{}, errMalformed
	}
	return at, nil
}

// markHint is what a session's cookie says of its user: the user's tag
// (checked against the session once it is open), and when read is set
// the raw value of the user's "ended" mark read with the session (nil: no
// mark).
type markHint struct {
	tag  string
	raw  []byte
	read bool
}

// markStore is where marks of kind live, or nil: "ended" beside the
// sessions when they are server-side, else in the grant store; "revoked"
// in the grant store.
func (c *client) markStore(kind string) Store {
	if kind == markEnded && c.store != nil {
		return c.store
	}
	return c.grants
}

// markKey is the store key of the mark of kind for the user with tag.
func markKey(kind, tag string) string { return kind + ":" + tag }

// userTag names a user in store keys and session cookies: 16 bytes of
// SHA-256 over a salt derived from the client id and the user id,
// base64url (22 characters). It stays the same across key and secret
// rotations, so marks keep their keys. It is no secret: it names the user
// to whoever holds the session cookie, as the session itself does.
func (c *client) userTag(userID string) string {
	var out [userTagLen]byte
	return string(c.appendUserTag(out[:0], userID))
}

// appendUserTag appends userID's tag (see userTag) to dst.
func (c *client) appendUserTag(dst []byte, userID string) []byte {
	var buf [96]byte
	sum := sha256.Sum256(append(append(buf[:0], c.tagSalt[:]...), userID...))
	return base64.RawURLEncoding.AppendEncode(dst, sum[:16])
}

// userMarkKey is markKey(kind, c.userTag(userID)), built in one piece.
func (c *client) userMarkKey(kind, userID string) string {
	var buf [64]byte
	return string(c.appendUserTag(append(append(buf[:0], kind...), ':'), userID))
}

// loadMark returns the time of userID's mark of this kind, zero when
// there is none (or no store keeps marks).
func (c *client) loadMark(ctx context.Context, kind, userID string) (time.Time, error) {
	store := c.markStore(kind)
	if store == nil {
		return time.Time{}, nil
	}
	key := c.userMarkKey(kind, userID)
	raw, found, err := store.Find(ctx, key)
	if err != nil {
		return time.Time{}, c.storeFailed(ctx, event.Mark, event.Find, "load "+kind+" mark", err)
	}
	if !found {
		return time.Time{}, nil
	}
	return c.openMark(key, raw, userID), nil
}

// openMark returns the time a mark's raw value under key holds. A value
// that does not open (sealed by a retired key, damaged, or another
// user's) counts as none: deleting a mark is no harder than damaging it,
// and taking it for "everything until now" would lock the user out for the
// mark's whole life.
func (c *client) openMark(key string, raw []byte, userID string) time.Time {
	if raw == nil {
		return time.Time{}
	}
	plain, err := c.keys.openAD(raw, recordAD(key), false)
	if err != nil {
		return time.Time{}
	}
	at, err := decodeMark(plain, userID)
	if err != nil {
		return time.Time{}
	}
	return at
}

// writeMark records, for each kind, that userID's sessions or grants made
// until now are over, and returns the latest time written: now, or just
// past a mark of the same millisecond or later (sessions and grants made
// after that mark are dated just past it, and must end too).
func (c *client) writeMark(ctx context.Context, userID string, kinds ...string) (time.Time, error) {
	now := c.now()
	latest := now
	// A mark outlives whatever it ends: sessions end by their lifetime,
	// and a grant record is never written for longer than GrantLifetime.
	ttl := max(c.cfg.SessionLifetime, c.cfg.GrantLifetime) + maxClockSkew
	tag := c.userTag(userID)
	for _, kind := range kinds {
		prev, err := c.loadMark(ctx, kind, userID)
		if err != nil {
			return now, err
		}
		at := after(now, prev)
		key := markKey(kind, tag)
		sealed, err := c.keys.sealAD(nil, encodeMark(userID, at), recordAD(key))
		if err != nil {
			return now, err
		}
		if err := c.markStore(kind).Commit(ctx, key, sealed, ttl); err != nil {
			return now, c.storeFailed(ctx, event.Mark, event.Commit, "save "+kind+" mark", err)
		}
		if at.After(latest) {
			latest = at
		}
	}
	return latest, nil
}

// endedEverywhere reports whether s was ended by a mark (an error wrapping
// [ErrNotSignedIn]), or the store's failure. hint is the mark read with
// the session, whose tag loadSessionAndMark checked is s's user's.
func (c *client) endedEverywhere(ctx context.Context, s *Session, hint markHint) error {
	var at time.Time
	if hint.read {
		at = c.openMark(markKey(markEnded, hint.tag), hint.raw, s.User.ID)
	} else {
		var err error
		if at, err = c.loadMark(ctx, markEnded, s.User.ID); err != nil {
			return err
		}
	}
	if !at.IsZero() && !s.CreatedAt.After(at) {
		return errEndedEverywhere
	}
	return nil
}

// errEndedEverywhere reports a session ended by [Client.EndSessions],
// [Client.DeleteGrant] or a refused refresh on any instance.
var errEndedEverywhere = fmt.Errorf("%w: the user's sessions were ended", ErrNotSignedIn)

// after returns t, moved just past mark when it is not after it: what is
// made now must not count as ended by a mark written in the same
// millisecond. Records keep milliseconds, so that is what is compared.
func after(t, mark time.Time) time.Time {
	if !mark.IsZero() && t.UnixMilli() <= mark.UnixMilli() {
		return time.UnixMilli(mark.UnixMilli() + 1)
	}
	return t
}

// EndSessions is [Client.EndSessions].
func (c *client) EndSessions(ctx context.Context, userID string) error {
	if c.markStore(markEnded) == nil {
		return fmt.Errorf("%w: ending a user's sessions everywhere needs Config.Store or Config.GrantStore: with sessions kept only in cookies there is nowhere to keep the mark", ErrInvalidConfig)
	}
	if userID == "" {
		return fmt.Errorf("%w: empty user id", ErrInvalidConfig)
	}
	if _, err := c.writeMark(ctx, userID, markEnded); err != nil {
		return err
	}
	c.emit(ctx, event.Event{Kind: event.SessionEnded, Reason: event.EndedEverywhere, UserID: userID}, nil)
	return nil
}

// revokeUser ends everything userID holds: every session, and the grant,
// which can never be revived (a refusal by Rememberizer, or
// [Client.DeleteGrant]). Without a store for marks it does nothing.
func (c *client) revokeUser(ctx context.Context, userID string) error {
	if c.markStore(markEnded) == nil {
		return nil
	}
	kinds := []string{markEnded}
	if c.grants != nil {
		kinds = append(kinds, markRevoked)
	}
	if _, err := c.writeMark(ctx, userID, kinds...); err != nil {
		return err
	}
	if c.grants != nil {
		if err := c.grants.Delete(ctx, grantKey(userID)); err != nil {
			return c.storeFailed(ctx, event.Grant, event.Delete, "delete grant", err)
		}
	}
	return nil
}
