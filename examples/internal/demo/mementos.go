package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
)

// maxAPIBody caps how much of an API answer is read.
const maxAPIBody = 1 << 20

// Memento is a memento the user shared with the app: a slice of their
// knowledge in Rememberizer.
type Memento struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// FetchMementos lists the signed-in user's mementos from the Rememberizer
// API, calling it as the user on ctx, a request context the middleware let
// through. Call it before writing the response: a token refreshed on the
// way is saved in a cookie.
func FetchMementos(ctx context.Context, c *core.Client) ([]Memento, error) {
	hc, err := c.HTTPClient(ctx)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.APIURL("mementos/"), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("listing mementos: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("listing mementos: HTTP %d", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIBody+1))
	if err != nil {
		return nil, fmt.Errorf("listing mementos: %w", err)
	}
	if len(body) > maxAPIBody {
		return nil, errors.New("listing mementos: answer larger than 1 MiB")
	}
	var page struct {
		Results []Memento `json:"results"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, fmt.Errorf("listing mementos: %w", err)
	}
	return page.Results, nil
}
