package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"time"

	"golang.org/x/oauth2"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/event"
)

// callback input limits (SECURITY.md S20).
const (
	maxCallbackURI   = 8 << 10
	maxCallbackParam = 2 << 10
)

// callback finishes a sign-in: the browser has come back from Rememberizer
// to the redirect URL. It returns where to send the browser next (303).
//
// It follows SECURITY.md's order of operations; nothing reaches
// Rememberizer before the first five steps pass:
//  1. GET only; no repeated, over-long or control-character code, state,
//     iss or error;
//  2. load this browser's pending logins (none → [errNoPendingLogin]);
//  3. find the state in constant time ([ErrStateMismatch]), remove it
//     from the browser's record whatever happens next, and check its age
//     ([ErrLoginExpired]);
//  4. iss, when present, must equal [Config.Issuer];
//  5. an error parameter stops here as a [*ProviderError] whose code is
//     from a fixed list;
//  6. record the state as used, in this process and, when the store is a
//     [Claimer], across instances (a replay with an old copy of the cookie
//     gets [ErrStateMismatch]), then exchange the code with the PKCE
//     verifier and the same redirect_uri;
//  7. fetch the account and start a new session (new cookie or id; the
//     browser's old session, if any, is ended);
//  8. return the return-to, validated again.
//
// It reports the sign-in's success or failure as an event.
func (c *client) callback(req adapter.Request) (string, error) {
	start := c.now()
	ctx, sp := c.trace(req.Context(), event.SignIn)
	to, userID, err := c.finishSignIn(ctx, req)
	e := event.Event{Kind: event.SignInSucceeded, UserID: userID, Duration: c.now().Sub(start)}
	if err != nil {
		e = event.Event{Kind: event.SignInFailed, Reason: signInReason(err), Duration: e.Duration}
	}
	c.emit(ctx, e, nil)
	sp.end(string(e.Reason))
	return to, err
}

// finishSignIn is callback's work: the return-to, and the user signed in.
// ctx is the request's, traced.
func (c *client) finishSignIn(ctx context.Context, req adapter.Request) (to, userID string, err error) {
	noStore(req)
	if req.Method() != "GET" {
		return "", "", ErrMethodNotAllowed
	}
	q, err := callbackParams(req.URI())
	if err != nil {
		return "", "", err
	}
	p, now, expires, err := c.takeLogin(req, q.Get("state"))
	if err != nil {
		return "", "", err
	}
	code, err := c.checkAnswer(q)
	if err != nil {
		return "", "", err
	}
	if err := c.claimLogin(ctx, p.State, now, expires); err != nil {
		return "", "", err
	}
	t, user, err := c.exchange(ctx, code, p.Verifier)
	if err != nil {
		return "", "", err
	}
	if err := c.startSession(req, user, t, now); err != nil {
		return "", "", err
	}
	return returnTarget(p.ReturnTo, c.cfg.RoutePrefix, c.cfg.AllowedReturnOrigins), user.ID, nil
}

// takeLogin finds state among this browser's pending logins, removes it
// from the browser's record whatever happens next, and checks its age
// (steps 2 and 3). It returns the pending login, the time it was checked
// at, and when it expires.
func (c *client) takeLogin(req adapter.Request, state string) (p pendingLogin, now, expires time.Time, err error) {
	list, err := c.loadPending(req)
	if err != nil {
		return p, now, expires, err
	}
	if list == nil {
		return p, now, expires, errNoPendingLogin
	}
	p, rest, ok := takePending(list, state)
	if !ok || state == "" {
		return p, now, expires, ErrStateMismatch
	}
	now = c.now()
	if err := c.savePending(req, rest); err != nil {
		return p, now, expires, err
	}
	expires = p.CreatedAt.Add(c.cfg.LoginTTL)
	if !now.Before(expires) || p.CreatedAt.After(now.Add(maxClockSkew)) {
		return p, now, expires, ErrLoginExpired
	}
	return p, now, expires, nil
}

// checkAnswer checks what Rememberizer sent back (steps 4 and 5): the
// issuer, an error, and returns the code.
func (c *client) checkAnswer(q url.Values) (string, error) {
	if iss, ok := q["iss"]; ok && iss[0] != c.cfg.Issuer {
		return "", errIssuerMismatch
	}
	if e, ok := q["error"]; ok {
		pe := &ProviderError{Code: errorCode(e[0]), Stage: "callback"}
		return "", pe
	}
	code := q.Get("code")
	if code == "" {
		return "", errMissingCode
	}
	return code, nil
}

// claimLogin records the pending login with this state as used, in this
// process and, when the store is a [Claimer], across instances (step 6):
// [ErrStateMismatch] if it was used already.
func (c *client) claimLogin(ctx context.Context, state string, now, expires time.Time) error {
	// Only callbacks that go on to the token endpoint are recorded, so
	// requests that never reached Rememberizer cannot fill the guards
	// (S24). The others are dead already: the browser's record lost them.
	if !c.consumed.add(state, now, expires) {
		// The same pending login was finished already, with an old
		// copy of the cookie or in a concurrent request.
		return ErrStateMismatch
	}
	if cl, claimRole := c.claimer(); cl != nil {
		// The same, across every instance sharing the store.
		sum := sha256.Sum256([]byte(state))
		first, err := cl.Claim(ctx, "login:"+hex.EncodeToString(sum[:]), expires.Sub(now))
		if err != nil {
			return c.storeFailed(ctx, claimRole, event.Claim, "claim sign-in", err)
		}
		if !first {
			return ErrStateMismatch
		}
	}
	return nil
}

// exchange trades the code for tokens with the PKCE verifier and the
// same redirect_uri (step 6), and fetches the account they belong to:
// two operations traced as children of parent's.
func (c *client) exchange(parent context.Context, code, verifier string) (tokenPair, User, error) {
	ctx, sp := c.trace(parent, event.TokenExchange)
	var opts []oauth2.AuthCodeOption
	if verifier != "" {
		opts = append(opts, oauth2.VerifierOption(verifier))
	}
	tok, err := c.oauth.Exchange(context.WithValue(ctx, oauth2.HTTPClient, c.http), code, opts...)
	if err != nil {
		err = tokenError(err, "exchange")
		sp.end(signInErrorType(err))
		return tokenPair{}, User{}, err
	}
	sp.end("")
	t := tokenFrom(tok, c.now())
	ctx, sp = c.trace(parent, event.AccountFetch)
	user, err := c.fetchAccount(ctx, t.AccessToken)
	sp.end(signInErrorType(err))
	if err != nil {
		return tokenPair{}, User{}, err
	}
	return t, user, nil
}

// startSession starts a new session for user with tokens t (step 7): a
// new cookie or id, the browser's old session, if any, ended. With a
// [Config.GrantStore] the tokens go to the user's grant. The session
// begins after any mark that ended the user's sessions.
func (c *client) startSession(req adapter.Request, user User, t tokenPair, now time.Time) error {
	ctx := req.Context()
	if old, err := c.loadSession(req); err == nil {
		c.revoked.add(old.sec().id, now, old.CreatedAt.Add(c.cfg.SessionLifetime))
	}
	id, err := c.randomString(16)
	if err != nil {
		return fmt.Errorf("callback: %w", err)
	}
	ended, err := c.loadMark(ctx, markEnded, user.ID)
	if err != nil {
		return err
	}
	now = after(c.now(), ended)
	s := newSession(user, now, now, sessionSecrets{id: id, tok: t})
	if c.grants != nil {
		// The tokens go to the user's grant, shared by the user's
		// sessions and background jobs; the session refers to it and
		// carries only the expiry.
		gen, err := c.signInGrant(ctx, user.ID, t, now)
		if err != nil {
			return err
		}
		c.emit(ctx, event.Event{Kind: event.GrantStored, UserID: user.ID}, nil)
		s.sec().tok = tokenPair{Expiry: t.Expiry, IssuedAt: t.IssuedAt}
		s.sec().grant, s.sec().grantGen = true, gen
	}
	return c.saveSession(ctx, req, s, true)
}

// callbackParams parses and checks the callback query (step 1).
func callbackParams(uri string) (url.Values, error) {
	if len(uri) > maxCallbackURI {
		return nil, fmt.Errorf("%w: too long", errInvalidCallback)
	}
	q, err := url.ParseQuery(rawQuery(uri))
	if err != nil {
		return nil, fmt.Errorf("%w: query does not parse", errInvalidCallback)
	}
	for _, k := range [...]string{"code", "state", "iss", "error"} {
		v, ok := q[k]
		if !ok {
			continue
		}
		if len(v) != 1 {
			return nil, fmt.Errorf("%w: %s repeated", errInvalidCallback, k)
		}
		if len(v[0]) > maxCallbackParam || hasControl(v[0]) {
			return nil, fmt.Errorf("%w: %s malformed", errInvalidCallback, k)
		}
	}
	return q, nil
}
