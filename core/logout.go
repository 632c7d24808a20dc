package core

import (
	"context"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/event"
)

// logout signs the browser making req out and returns where to send it
// next (303): the return_to query parameter if [returnTarget] accepts it,
// else "/".
//
// It accepts POST only, and refuses a request another site sent
// ([ErrCrossSite]): an Origin header must be this app's origin (taken from
// [Config.RedirectURL], never from the request), and a Sec-Fetch-Site
// header must say same-origin. It deletes the session from the store,
// expires its cookie with the attributes it was set with, and refuses the
// session's id in this process from then on, so a copy of the old cookie
// is signed out too. The user's grant ([Config.GrantStore]) is kept:
// signing out of one browser does not stop background access, nor sign
// out the user's other browsers. [Client.DeleteGrant] stops it.
func (c *client) logout(req adapter.Request) (string, error) {
	noStore(req)
	if req.Method() != "POST" {
		return "", errSignOutNeedsPost
	}
	if !c.sameOrigin(req) {
		return "", ErrCrossSite
	}
	s, err := c.loadSession(req)
	switch {
	case err == nil:
		if err := c.endSession(req.Context(), req, s); err != nil {
			return "", err
		}
		c.emit(req.Context(), event.Event{Kind: event.SessionEnded, Reason: event.SignOut, UserID: s.User.ID}, nil)
	case isSignedOut(err):
		// Nothing to end, but clear whatever the browser holds.
		if err := c.endSession(req.Context(), req, nil); err != nil {
			return "", err
		}
	default:
		return "", err
	}
	return returnTarget(singleParam(req.URI(), "return_to"), c.cfg.RoutePrefix, c.cfg.AllowedReturnOrigins), nil
}

// SameOrigin is [Client.SameOrigin].
func (c *client) SameOrigin(ctx context.Context) bool {
	st, ok := stateFrom(ctx)
	if !ok || st.client != c {
		return false
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.req.ended {
		return false
	}
	return c.sameOrigin(st.req.live)
}

// sameOrigin is [Client.SameOrigin] on an adapter's view of a request. A
// request with neither header did not come from a browser that would send
// cookies on another site's behalf.
func (c *client) sameOrigin(req adapter.Request) bool {
	if site := req.Header("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	if origin := req.Header("Origin"); origin != "" && origin != c.appOrigin {
		return false
	}
	return true
}
