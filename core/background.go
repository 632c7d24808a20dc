package core

import (
	"context"
	"fmt"
	"net/http"

	"golang.org/x/oauth2"
)

// HTTPClientFor returns an *http.Client that calls the Rememberizer API as
// the user with this Rememberizer user id, from any goroutine, job or
// worker process, with no request: the tokens come from the user's grant
// in [Config.GrantStore], stored when the user signed in. It sends the
// access token to Rememberizer's API origin only, and refreshes it like
// [Client.HTTPClient]: one refresh per grant at a time across every
// instance sharing the grant store (when it is a [Locker]), the new tokens
// stored before they are used.
//
// Errors, here or from the client's requests, tell a job what happened:
// [ErrNoGrant] (no grant stored for this user: never signed in, signed
// in before a grant store was configured, or deleted); [ErrGrantRevoked]
// (Rememberizer refused the refresh, typically because the user
// disconnected the app: the grant was deleted); [ErrRefreshUnavailable]
// (Rememberizer could not be reached; try later); [ErrStore] (the grant
// store failed).
func (c *Client) HTTPClientFor(ctx context.Context, userID string) (*http.Client, error) {
	src, err := c.grantSourceFor(ctx, userID)
	if err != nil {
		return nil, err
	}
	return c.apiClient(src), nil
}

// TokenSourceFor returns an [oauth2.TokenSource] for the user with this
// Rememberizer user id, as [Client.HTTPClientFor] does. Its Token method
// uses ctx for waiting and for the grant store.
func (c *Client) TokenSourceFor(ctx context.Context, userID string) (oauth2.TokenSource, error) {
	src, err := c.grantSourceFor(ctx, userID)
	if err != nil {
		return nil, err
	}
	return tokenSource{ctx: ctx, src: src}, nil
}

func (c *Client) grantSourceFor(ctx context.Context, userID string) (grantSource, error) {
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
	c      *Client
	userID string
}

func (g grantSource) token(ctx context.Context, rejected string) (Token, error) {
	return g.c.grantToken(ctx, g.userID, rejected)
}
