package core

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// tokenSourceFor is where an API client gets its access token: a
// request's session ([authState]) or a user's grant ([grantSource]).
// rejected is an access token the API just refused, "" otherwise.
type tokenSourceFor interface {
	token(ctx context.Context, rejected string) (tokenPair, error)
}

// HTTPClient is [Client.HTTPClient].
func (c *client) HTTPClient(ctx context.Context) (*http.Client, error) {
	st, err := c.requestState(ctx)
	if err != nil {
		return nil, err
	}
	return c.apiClient(st), nil
}

// TokenSource is [Client.TokenSource].
func (c *client) TokenSource(ctx context.Context) (oauth2.TokenSource, error) {
	st, err := c.requestState(ctx)
	if err != nil {
		return nil, err
	}
	return tokenSource{ctx: context.WithoutCancel(st.Context), src: st, timeout: c.http.Timeout}, nil
}

// requestState returns the signed-in state the middleware left on ctx:
// [ErrNotSignedIn] when it found no session (or another Client's), an
// error saying to wrap the handler when ctx never went through it.
func (c *client) requestState(ctx context.Context) (*authState, error) {
	st, ok := stateFrom(ctx)
	switch {
	case ok && st.client == c:
		return st, nil
	case ok || (ctx != nil && ctx.Value(authKey{}) != nil):
		return nil, ErrNotSignedIn
	}
	return nil, errNotWrapped
}

func (c *client) apiClient(src tokenSourceFor) *http.Client {
	return &http.Client{
		Transport: &apiTransport{c: c, src: src, base: c.http.Transport},
		Timeout:   c.http.Timeout,
	}
}

// tokenSource adapts a tokenSourceFor to oauth2.TokenSource. With a
// timeout, each tokenPair call is bounded by it.
type tokenSource struct {
	ctx     context.Context
	src     tokenSourceFor
	timeout time.Duration
}

func (ts tokenSource) Token() (*oauth2.Token, error) {
	ctx := ts.ctx
	if ts.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, ts.timeout)
		defer cancel()
	}
	t, err := ts.src.token(ctx, "")
	if err != nil {
		return nil, err
	}
	return t.asOAuth2(), nil
}

// apiTransport adds the user's bearer token to requests for the API.
type apiTransport struct {
	c    *client
	src  tokenSourceFor
	base http.RoundTripper
}

func (t *apiTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Scheme+"://"+r.URL.Host != t.c.apiOrigin {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("%w: refusing to send the access token to %s", ErrForeignHost, r.URL.Host)
	}
	tok, err := t.src.token(r.Context(), "")
	if err != nil {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, err
	}
	resp, err := t.send(r, tok)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	// 401: the token may have expired early or without notice. Refresh
	// once and retry, when the body can be sent again.
	if r.Body != nil && r.GetBody == nil {
		return resp, nil
	}
	tok2, err := t.src.token(r.Context(), tok.AccessToken)
	if err != nil && (errors.Is(err, ErrGrantRevoked) || errors.Is(err, ErrNoGrant) || errors.Is(err, ErrRequestEnded) || isSignedOut(err)) {
		// The refresh settled it (the user must sign in again, or this
		// request's client can no longer keep new tokens). Say so rather
		// than hand back the 401.
		resp.Body.Close()
		return nil, err
	}
	if err != nil || tok2.AccessToken == tok.AccessToken {
		return resp, nil
	}
	retry := r.Clone(r.Context())
	if r.GetBody != nil {
		if retry.Body, err = r.GetBody(); err != nil {
			return resp, nil
		}
	}
	resp.Body.Close()
	return t.send(retry, tok2)
}

func (t *apiTransport) send(r *http.Request, tok tokenPair) (*http.Response, error) {
	out := r.Clone(r.Context())
	out.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(out)
}

// HTTPClientFor is [Client.HTTPClientFor].
func (c *client) HTTPClientFor(ctx context.Context, userID string) (*http.Client, error) {
	src, err := c.grantSourceFor(ctx, userID)
	if err != nil {
		return nil, err
	}
	return c.apiClient(src), nil
}

// TokenSourceFor is [Client.TokenSourceFor].
func (c *client) TokenSourceFor(ctx context.Context, userID string) (oauth2.TokenSource, error) {
	src, err := c.grantSourceFor(ctx, userID)
	if err != nil {
		return nil, err
	}
	return tokenSource{ctx: ctx, src: src}, nil
}

func (c *client) grantSourceFor(ctx context.Context, userID string) (grantSource, error) {
	if c.grants == nil {
		return grantSource{}, fmt.Errorf("%w: background access needs Config.GrantStore", ErrNoGrant)
	}
	if userID == "" {
		return grantSource{}, fmt.Errorf("%w: empty user id", ErrNoGrant)
	}
	if _, ok, err := c.loadGrant(ctx, userID); err != nil {
		return grantSource{}, err
	} else if !ok {
		return grantSource{}, ErrNoGrant
	}
	return grantSource{c: c, userID: userID}, nil
}

// grantSource reads tokens from one user's grant.
type grantSource struct {
	c      *client
	userID string
}

func (g grantSource) token(ctx context.Context, rejected string) (tokenPair, error) {
	h := &grantHolder{c: g.c, userID: g.userID, background: true}
	known, err := h.reread(ctx)
	if err != nil {
		return tokenPair{}, err
	}
	h.gen = h.cur.gen
	tok, _, err := g.c.freshTokens(ctx, h, known, rejected)
	return tok, err
}
