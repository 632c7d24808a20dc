package core

import (
	"context"
	"fmt"
	"net/http"

	"golang.org/x/oauth2"
)

// HTTPClient returns an *http.Client that calls the Rememberizer API as the
// user signed in on ctx (a request context from RequireRememberizer). It
// sends the access token to Rememberizer's API origin only
// ([ErrForeignHost] for any other), refreshes the token when it is near
// expiry, and, when the API answers 401, refreshes once and retries
// requests whose body can be replayed. New tokens are persisted through the
// request's store, so call the API before writing the response: with the
// cookie store the new tokens travel in a Set-Cookie header.
func (c *Client) HTTPClient(ctx context.Context) (*http.Client, error) {
	st, ok := stateFrom(ctx)
	if !ok || st.client != c {
		return nil, ErrNotSignedIn
	}
	return &http.Client{
		Transport: &apiTransport{state: st, base: c.http.Transport},
		Timeout:   c.http.Timeout,
	}, nil
}

// TokenSource returns an [oauth2.TokenSource] for the user signed in on
// ctx, refreshing and persisting tokens like [Client.HTTPClient].
func (c *Client) TokenSource(ctx context.Context) (oauth2.TokenSource, error) {
	st, ok := stateFrom(ctx)
	if !ok || st.client != c {
		return nil, ErrNotSignedIn
	}
	return tokenSource{st}, nil
}

type tokenSource struct{ st *authState }

func (ts tokenSource) Token() (*oauth2.Token, error) {
	s, err := ts.st.fresh(false)
	if err != nil {
		return nil, err
	}
	return s.Token.OAuth2(), nil
}

// fresh returns the session with tokens refreshed if needed (or forced),
// and keeps the result for the rest of the request.
func (st *authState) fresh(force bool) (*Session, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, err := st.client.ensureFresh(st.req, st.sess, force)
	if err != nil {
		return nil, err
	}
	st.sess = s
	return s, nil
}

// apiTransport adds the session's bearer token to requests for the API.
type apiTransport struct {
	state *authState
	base  http.RoundTripper
}

func (t *apiTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c := t.state.client
	if r.URL.Scheme+"://"+r.URL.Host != c.apiOrigin {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("%w: %s", ErrForeignHost, r.URL.Host)
	}
	s, err := t.state.fresh(false)
	if err != nil {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, err
	}
	resp, err := t.send(r, s)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	// 401: the token may have expired early or without notice. Refresh
	// once and retry, when the body can be sent again.
	if r.Body != nil && r.GetBody == nil {
		return resp, nil
	}
	s2, err := t.state.fresh(true)
	if err != nil {
		return resp, nil
	}
	retry := r.Clone(r.Context())
	if r.GetBody != nil {
		if retry.Body, err = r.GetBody(); err != nil {
			return resp, nil
		}
	}
	resp.Body.Close()
	return t.send(retry, s2)
}

func (t *apiTransport) send(r *http.Request, s *Session) (*http.Response, error) {
	out := r.Clone(r.Context())
	out.Header.Set("Authorization", "Bearer "+s.Token.AccessToken)
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(out)
}
