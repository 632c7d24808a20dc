package core

import (
	"fmt"

	"golang.org/x/oauth2"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/event"
)

// login starts a sign-in for the browser making req and returns the
// Rememberizer authorize URL to redirect it to (302).
//
// It makes a fresh state and PKCE verifier (32 random bytes each), and
// adds a pending login to this browser's sealed record: state, verifier,
// where to go afterwards (the return_to query parameter, validated with
// [returnTarget]) and the time. Several sign-ins may be pending at once, one
// per tab; the oldest is evicted beyond five, and five always fit: when a
// long return-to would leave too little room in the record for the
// sign-ins that may follow, it is not kept, and that sign-in ends on the
// home page ("/") instead. The verifier never leaves the record; only its
// S256 challenge goes in the URL.
func (c *client) login(req adapter.Request) (string, error) {
	if req.Method() != "GET" {
		return "", ErrMethodNotAllowed
	}
	noStore(req)
	now := c.now()
	returnTo := returnTarget(singleParam(req.URI(), "return_to"), c.cfg.RoutePrefix, c.cfg.AllowedReturnOrigins)

	state, err := c.randomString(32)
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	p := pendingLogin{State: state, ReturnTo: returnTo, CreatedAt: now}
	opts := make([]oauth2.AuthCodeOption, 0, 1)
	if !c.cfg.DisablePKCE {
		if p.Verifier, err = c.randomString(32); err != nil {
			return "", fmt.Errorf("login: %w", err)
		}
		opts = append(opts, oauth2.S256ChallengeOption(p.Verifier))
	}

	list, err := c.loadPending(req)
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	if err := c.savePending(req, addPending(list, p, now, c.cfg.LoginTTL)); err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	c.emit(req.Context(), event.Event{Kind: event.SignInStarted}, nil)
	return c.oauth.AuthCodeURL(state, opts...), nil
}
