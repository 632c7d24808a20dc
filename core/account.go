package core

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// maxResponseBody caps what is read of any answer from Rememberizer.
const maxResponseBody = 1 << 20

// accountJSON is the answer of GET /api/v1/account/. id is a number in the
// API schema and a string in some examples; both are accepted.
type accountJSON struct {
	ID    json.RawMessage `json:"id"`
	Email string          `json:"email"`
	Name  string          `json:"name"`
}

// fetchAccount asks Rememberizer who the access token belongs to.
func (c *client) fetchAccount(ctx context.Context, accessToken string) (User, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.accountURL, nil)
	if err != nil {
		return User{}, fmt.Errorf("%w: %v", errAccountEndpoint, err)
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return User{}, fmt.Errorf("%w: %s", errAccountEndpoint, failureCause(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody+1))
	if err != nil {
		return User{}, fmt.Errorf("%w: reading answer failed", errAccountEndpoint)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return User{}, fmt.Errorf("%w: HTTP %d", errAccountEndpoint, resp.StatusCode)
	}
	if len(body) > maxResponseBody {
		return User{}, fmt.Errorf("%w: answer larger than %d bytes", errAccountEndpoint, maxResponseBody)
	}
	return parseAccount(body)
}

// parseAccount decodes an account answer into a User.
func parseAccount(body []byte) (User, error) {
	var a accountJSON
	if err := json.Unmarshal(body, &a); err != nil {
		return User{}, fmt.Errorf("%w: answer is not an account", errAccountEndpoint)
	}
	id, err := accountID(a.ID)
	if err != nil {
		return User{}, err
	}
	return User{ID: id, Email: a.Email, Name: a.Name}, nil
}

// accountID accepts an integer or a non-empty string id.
func accountID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", fmt.Errorf("%w: account has no id", errAccountEndpoint)
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil || s == "" || hasControl(s) {
			return "", fmt.Errorf("%w: account id is not usable", errAccountEndpoint)
		}
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", fmt.Errorf("%w: account id is neither number nor string", errAccountEndpoint)
	}
	if i, err := strconv.ParseInt(n.String(), 10, 64); err == nil {
		return strconv.FormatInt(i, 10), nil
	}
	return "", fmt.Errorf("%w: account id is not an integer", errAccountEndpoint)
}
