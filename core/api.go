package core

import (
	"context"

	"github.com/rzauth/rememberizer-go/rememberizer"
)

// API returns a typed Rememberizer API client acting as the user signed in
// on ctx (a request context from RequireRememberizer or
// OptionalRememberizer), pointed at [Config.BaseURL]. It is
// [Client.HTTPClient] given to [rememberizer.New]: tokens are refreshed and
// kept the same way, and the same rules hold once the request has ended.
//
// opts tunes the API client (retries, response size, user agent); its
// BaseURL is always this Client's. Without a session on ctx the error wraps
// [ErrNotSignedIn].
func (c *Client) API(ctx context.Context, opts ...rememberizer.Config) (*rememberizer.Client, error) {
	hc, err := c.HTTPClient(ctx)
	if err != nil {
		return nil, err
	}
	return rememberizer.New(hc, c.apiConfig(opts))
}

// APIFor returns a typed Rememberizer API client acting as the user with
// this Rememberizer user id, from the grant kept in [Config.GrantStore]:
// for background jobs, outside any request. It is [Client.HTTPClientFor]
// given to [rememberizer.New], with the same errors.
func (c *Client) APIFor(ctx context.Context, userID string, opts ...rememberizer.Config) (*rememberizer.Client, error) {
	hc, err := c.HTTPClientFor(ctx, userID)
	if err != nil {
		return nil, err
	}
	return rememberizer.New(hc, c.apiConfig(opts))
}

// apiConfig is the caller's API client options with this Client's base URL.
func (c *Client) apiConfig(opts []rememberizer.Config) rememberizer.Config {
	var rc rememberizer.Config
	if len(opts) > 0 {
		rc = opts[0]
	}
	rc.BaseURL = c.cfg.BaseURL
	return rc
}
