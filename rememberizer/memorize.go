package rememberizer

import (
	"context"
	"fmt"
	"strings"
)

// Memorize stores a note called name with content in the user's
// knowledge, where later searches find it. It is a POST, so it is never
// retried: on an error, the note may or may not have been stored.
func (c *Client) Memorize(ctx context.Context, name, content string) error {
	if strings.TrimSpace(name) == "" || strings.TrimSpace(content) == "" {
		return fmt.Errorf("%w: memorize needs a name and content", ErrInvalidArgument)
	}
	body := struct {
		Name    string `json:"name"`
		Content string `json:"content"`
	}{name, content}
	return c.post(ctx, c.endpoint("documents/memorize/", nil), body, nil)
}
