package core

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"

	"github.com/rzauth/rememberizer-go/core/event"
)

// This file is the one refresh pipeline, for tokens a session holds and
// for a user's grant alike: decide → single flight → lock → re-read →
// spend → classify → save. Where the tokens live is a [tokenHolder].

// tokenHolder is where one set of tokens is kept: a session's own record
// (sessionHolder) or a user's grant (grantHolder).
type tokenHolder interface {
	// user is the Rememberizer user id the tokens are for, for logs.
	user() string
	// flights is the single flight the holder's refreshes run in, and
	// flight the key of this holder's refresh in it.
	flights() *refresher
	flight() [32]byte
	// locker returns the cross-instance lock and its name, or nil.
	locker() (Locker, string)
	// canKeep reports, before anything is spent, whether new tokens
	// could be kept ([ErrRequestEnded] when they could only travel in a
	// response that is gone).
	canKeep() error
	// reread returns the tokens as stored now: another instance, or a
	// sign-in, may have replaced them.
	reread(ctx context.Context) (tokenPair, error)
	// keep stores new tokens, while the lock is held.
	keep(ctx context.Context, t tokenPair) error
	// refused ends what Rememberizer's refusal revokes and returns the
	// error that says so.
	refused(ctx context.Context, err error) error
}

// refreshMemory is how long the result of a refresh of tokens kept in a
// browser's cookie is remembered for requests that still carry the old
// tokens. Rememberizer may rotate refresh tokens, so a second refresh with
// the old one would fail (and make a strict server revoke the grant);
// requests the browser sent before it saw the new cookie get the
// remembered result instead. After that minute a copy of the old cookie is
// refused in this process (signed out, without spending its refresh
// token): see [Client.superseded]. Server-side tokens are re-read under
// the lock instead.
const refreshMemory = time.Minute

// errStaleTokens reports a session whose refresh token was already
// rotated out by this process: a copy of a cookie from before a refresh.
var errStaleTokens = errors.New("rememberizer: the session's refresh token was already replaced")

// errNoRefreshToken reports an access token that expired with no refresh
// token to renew it: as final as a refusal.
var errNoRefreshToken = errors.New("rememberizer: access token expired and no refresh token was issued")

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

// needsRefresh reports whether t is within the refresh skew of expiry.
// The skew never exceeds half the token's lifetime.
func (c *client) needsRefresh(t tokenPair, now time.Time) bool {
	if t.Expiry.IsZero() {
		return false
	}
	skew := c.cfg.RefreshSkew
	if !t.IssuedAt.IsZero() {
		skew = min(skew, t.Expiry.Sub(t.IssuedAt)/2)
	}
	return !now.Before(t.Expiry.Add(-skew))
}

// freshTokens returns tokens to use in place of known, the tokens the
// caller has (for a grant's session, perhaps only their expiry): known
// itself unless they are within the refresh skew of expiry or rejected
// (an access token the API just refused) is theirs; then the holder's
// tokens, refreshed once across concurrent callers and instances.
// leader reports whether this call ran the refresh.
//
// A refusal by Rememberizer is final (the holder's refused error); a
// passing failure keeps known while it has not expired, and is
// [ErrRefreshUnavailable] after.
func (c *client) freshTokens(ctx context.Context, h tokenHolder, known tokenPair, rejected string) (tok tokenPair, leader bool, err error) {
	now := c.now()
	force := rejected != "" && rejected == known.AccessToken
	if !force && !c.needsRefresh(known, now) {
		return known, false, nil
	}
	stillValid := !force && (known.Expiry.IsZero() || now.Before(known.Expiry))
	if err := h.canKeep(); err != nil {
		if stillValid {
			return known, false, nil
		}
		return tokenPair{}, false, err
	}
	var keepErr error
	trigger := refreshTrigger(h, rejected)
	tok, err, leader = h.flights().do(ctx, h.flight(), now, func() (tokenPair, error) {
		t, kerr, err := c.refreshHeld(ctx, h, rejected, trigger)
		keepErr = kerr
		return t, err
	})
	if leader && keepErr != nil {
		// The new tokens are good but were not kept: the flight
		// remembers them (for tokens kept in the cookie) so that the next
		// request keeps them instead of spending the old refresh token.
		return tokenPair{}, true, keepErr
	}
	if err == nil || final(err) {
		return tok, leader, err
	}
	// The refresh reported the failure (refreshHeld, or the store call).
	if stillValid {
		return known, leader, nil
	}
	return tokenPair{}, leader, fmt.Errorf("%w: %w", ErrRefreshUnavailable, err)
}

// refreshTrigger is what started a refresh of h's tokens: the API's 401
// (rejected is the token it refused), a job's API client, or a request's
// token near expiry.
func refreshTrigger(h tokenHolder, rejected string) event.Trigger {
	if rejected != "" {
		return event.API401
	}
	if g, ok := h.(*grantHolder); ok && g.background {
		return event.Background
	}
	return event.NearExpiry
}

// final reports whether a refresh failure is the answer rather than a
// passing fault: the user must sign in again, the tokens are gone, they
// could not be kept, or the store failed.
func final(err error) bool {
	for _, e := range [...]error{ErrNotSignedIn, ErrGrantRevoked, ErrNoGrant, ErrRequestEnded, ErrStore, errStaleTokens} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// refreshHeld is one refresh of h's tokens, run by the flight's leader.
// It outlives the caller's context (others wait for it, and its result
// must be kept) but not the HTTP client's timeout. keepErr is the failure
// to keep tokens that are good. It reports each refresh attempt, and the
// wait for the lock, as an event, and is traced as one operation.
func (c *client) refreshHeld(parent context.Context, h tokenHolder, rejected string, trigger event.Trigger) (tok tokenPair, keepErr, err error) {
	ctx, cancel := c.refreshContext(parent)
	defer cancel()
	ctx, sp := c.trace(ctx, event.Refresh)
	var result event.Result // of the token request, once reported
	defer func() { sp.end(refreshErrorType(result, err)) }()
	usable := func(t tokenPair) bool {
		return t.AccessToken != rejected && !c.needsRefresh(t, c.now())
	}
	// Someone may have refreshed already: then no lock is needed.
	cur, err := h.reread(ctx)
	if err != nil {
		return tokenPair{}, nil, err
	}
	if usable(cur) {
		return cur, nil, nil
	}
	if l, name := h.locker(); l != nil {
		waitFrom := c.now()
		unlock, err := c.lock(ctx, l, name, holderRole(h))
		if err != nil {
			return tokenPair{}, nil, err
		}
		defer unlock()
		c.emit(ctx, event.Event{Kind: event.LockWaited, UserID: h.user(), Duration: c.now().Sub(waitFrom)}, nil)
		// Another instance may have refreshed while this one waited. The
		// stored refresh token is the newest: an older one is never sent.
		if cur, err = h.reread(ctx); err != nil {
			return tokenPair{}, nil, err
		}
		if usable(cur) {
			return cur, nil, nil
		}
	}
	if cur.RefreshToken == "" {
		if cur.AccessToken != rejected && (cur.Expiry.IsZero() || c.now().Before(cur.Expiry)) {
			return cur, nil, nil
		}
		result = c.refreshed(ctx, h, trigger, event.Refused, 0, errNoRefreshToken)
		return tokenPair{}, nil, h.refused(ctx, errNoRefreshToken)
	}
	start := c.now()
	nt, err := c.spendRefreshToken(ctx, cur.RefreshToken)
	took := c.now().Sub(start)
	if err != nil {
		if transient(err) {
			result = c.refreshed(ctx, h, trigger, event.Unavailable, took, err)
			return tokenPair{}, nil, err
		}
		result = c.refreshed(ctx, h, trigger, event.Refused, took, err)
		return tokenPair{}, nil, h.refused(ctx, err)
	}
	// Kept while still holding the lock, so that an instance that takes
	// it next reads the new tokens.
	if err := h.keep(ctx, nt); err != nil {
		result = c.refreshed(ctx, h, trigger, event.NotKept, took, err)
		if !errors.Is(err, ErrStore) {
			// Not to be kept at all (the grant was deleted meanwhile).
			return tokenPair{}, nil, err
		}
		return nt, err, nil
	}
	result = c.refreshed(ctx, h, trigger, event.OK, took, nil)
	return nt, nil, nil
}

// refreshed reports a refresh attempt of h's tokens that took took and
// ended with result, and returns result; err is the failure, for the
// log line only.
func (c *client) refreshed(ctx context.Context, h tokenHolder, trigger event.Trigger, result event.Result, took time.Duration, err error) event.Result {
	c.emit(ctx, event.Event{Kind: event.Refreshed, Trigger: trigger, Result: result, Duration: took, UserID: h.user()}, err)
	return result
}

// holderRole is the store h keeps its tokens (and its lock) in.
func holderRole(h tokenHolder) event.Role {
	if _, ok := h.(*grantHolder); ok {
		return event.Grant
	}
	return event.Session
}

// spendRefreshToken sends refresh to the token endpoint and returns the
// new tokens, keeping refresh when none is returned.
func (c *client) spendRefreshToken(ctx context.Context, refresh string) (tokenPair, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, c.http)
	t, err := c.oauth.TokenSource(ctx, &oauth2.Token{RefreshToken: refresh}).Token()
	if err != nil {
		return tokenPair{}, tokenError(err, "refresh")
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
func (c *client) refreshContext(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(parent), c.lockTTL)
}

// lock takes the cross-instance refresh lock named key. Its TTL outlives
// the longest token request the HTTP client allows, and the refresh that
// holds it runs under a context that ends before the TTL does, so a
// holder can never spend a token after losing the lock.
func (c *client) lock(ctx context.Context, l Locker, key string, role event.Role) (func(), error) {
	// Waiting takes at most one HTTP timeout, which leaves the refresh at
	// least one whole HTTP timeout for its token request.
	wait, cancel := context.WithTimeout(ctx, c.http.Timeout)
	defer cancel()
	unlock, err := l.Lock(wait, key, c.lockTTL+lockMargin)
	if err != nil {
		err = fmt.Errorf("%w: refresh lock: %w", ErrStoreUnavailable, err)
		c.emit(ctx, event.Event{Kind: event.StoreFailed, Store: role, Op: event.Lock}, err)
		return nil, err
	}
	return unlock, nil
}

// lockMargin is how much longer a refresh lock lives than the refresh
// that holds it may run.
const lockMargin = 5 * time.Second
