package rememberizer

import (
	"context"
	"encoding/json"
	"fmt"
)

// Account is who the credentials belong to, from GET /account/.
type Account struct {
	ID    ID     `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	// DatasourceDescription is the user's description of their knowledge,
	// when they wrote one.
	DatasourceDescription string `json:"datasource_description"`
}

// Profile is the extended profile from GET /me/. Its shape is not fully
// documented: the well-known fields are decoded, and every field the
// answer had is kept in Fields.
type Profile struct {
	ID            ID     `json:"id"`
	Email         string `json:"email"`
	Name          string `json:"name"`
	EmailVerified bool   `json:"email_verified"`
	// Team and Quota are kept as sent.
	Team  json.RawMessage `json:"team"`
	Quota json.RawMessage `json:"quota"`
	// Fields holds every top-level field of the answer, as sent.
	Fields map[string]json.RawMessage `json:"-"`
}

// Account returns the account the credentials belong to.
func (c *Client) Account(ctx context.Context) (*Account, error) {
	var a Account
	if err := c.get(ctx, c.endpoint("account/", nil), &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// Profile returns the extended profile of the account the credentials
// belong to: team, quota and whether the email is verified.
func (c *Client) Profile(ctx context.Context) (*Profile, error) {
	var raw json.RawMessage
	if err := c.get(ctx, c.endpoint("me/", nil), &raw); err != nil {
		return nil, err
	}
	var p Profile
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("%w: GET me/: %v", ErrBadResponse, err)
	}
	if err := json.Unmarshal(raw, &p.Fields); err != nil {
		return nil, fmt.Errorf("%w: GET me/: %v", ErrBadResponse, err)
	}
	return &p, nil
}
