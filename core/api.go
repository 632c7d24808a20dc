package core

import (
	"context"

	"github.com/rzauth/rememberizer-go/rememberizer"
)

// API is [Client.API].
func (c *client) API(ctx context.Context, opts ...rememberizer.Config) (*rememberizer.Client, error) {
	hc, err := c.HTTPClient(ctx)
	if err != nil {
		return nil, err
	}
	return rememberizer.New(hc, c.apiConfig(opts))
}

// APIFor is [Client.APIFor].
func (c *client) APIFor(ctx context.Context, userID string, opts ...rememberizer.Config) (*rememberizer.Client, error) {
	hc, err := c.HTTPClientFor(ctx, userID)
	if err != nil {
		return nil, err
	}
	return rememberizer.New(hc, c.apiConfig(opts))
}

// apiConfig is the caller's API client options with this Client's base URL.
func (c *client) apiConfig(opts []rememberizer.Config) rememberizer.Config {
	var rc rememberizer.Config
	if len(opts) > 0 {
		rc = opts[0]
	}
	rc.BaseURL = c.cfg.BaseURL
	return rc
}
