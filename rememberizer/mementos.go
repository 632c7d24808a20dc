package rememberizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Memento is a curated slice of the user's knowledge, the unit in which
// users share their knowledge with apps.
type Memento struct {
	ID   ID     `json:"id"`
	Name string `json:"name"`
	// Documents are the memento's documents, in answers that list them.
	Documents []Document `json:"documents"`
}

// Mementos lists the user's mementos (with an app's token, those the user
// shared with the app).
func (c *Client) Mementos(ctx context.Context) ([]Memento, error) {
	return list[Memento](ctx, c, c.endpoint("mementos/", nil))
}

// Memento returns memento id with its documents.
func (c *Client) Memento(ctx context.Context, id ID) (*Memento, error) {
	if id == "" {
		return nil, fmt.Errorf("%w: empty memento id", ErrInvalidArgument)
	}
	var m Memento
	if err := c.get(ctx, c.endpoint("mementos/%s/", nil, string(id)), &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// CreateMemento creates an empty memento called name and returns it. It
// is a POST, so it is never retried.
func (c *Client) CreateMemento(ctx context.Context, name string) (*Memento, error) {
	if strings.TrimSpace(name) == "" {
		return nil, fmt.Errorf("%w: a memento needs a name", ErrInvalidArgument)
	}
	var m Memento
	body := struct {
		Name string `json:"name"`
	}{name}
	if err := c.post(ctx, c.endpoint("mementos/", nil), body, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// list fetches a list that Rememberizer sends as a JSON array, as a
// paginated {"results": [...]} (following next links), or as
// {"data": [...]}, bounded as [Client.Documents] is.
func list[T any](ctx context.Context, c *Client, first string) ([]T, error) {
	var all []T
	next := first
	pg := c.newPager()
	for next != "" {
		if err := pg.visit(next); err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := c.get(ctx, next, &raw); err != nil {
			return nil, err
		}
		items, link, err := decodeList[T](raw)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		cur := next
		next = ""
		if link != "" {
			next = resolve(cur, link)
		}
	}
	return all, nil
}

// decodeList decodes one list answer of any of the shapes [list] accepts,
// returning its items and next link.
func decodeList[T any](raw json.RawMessage) ([]T, string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var items []T
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, "", fmt.Errorf("%w: %v", ErrBadResponse, err)
		}
		return items, "", nil
	}
	var body struct {
		Next    *string `json:"next"`
		Results []T     `json:"results"`
		Data    []T     `json:"data"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrBadResponse, err)
	}
	items := body.Results
	if items == nil {
		items = body.Data
	}
	next := ""
	if body.Next != nil {
		next = *body.Next
	}
	return items, next, nil
}
