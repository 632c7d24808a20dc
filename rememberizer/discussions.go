package rememberizer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"time"
)

// DiscussionOptions narrows [Client.Discussion] to a time range. A nil
// *DiscussionOptions returns the whole discussion.
type DiscussionOptions struct {
	// From and To keep messages from that time range.
	// Optional. Default: no range.
	From, To time.Time
}

// Discussion is the text of a Slack discussion.
type Discussion struct {
	// Content is the discussion's main text.
	Content string `json:"discussion_content"`
	// Threads maps each thread to its text, when the answer has them as
	// an object of strings.
	Threads map[string]string `json:"-"`
	// ThreadsRaw is "thread_contents" as sent.
	ThreadsRaw json.RawMessage `json:"thread_contents"`
}

// Discussion returns the contents of Slack discussion id.
func (c *Client) Discussion(ctx context.Context, id ID, opts *DiscussionOptions) (*Discussion, error) {
	if id == "" {
		return nil, fmt.Errorf("%w: empty discussion id", ErrInvalidArgument)
	}
	q := url.Values{"integration_type": {IntegrationSlack}}
	if opts != nil {
		setTime(q, "from", opts.From)
		setTime(q, "to", opts.To)
	}
	var d Discussion
	if err := c.get(ctx, c.endpoint("discussions/%s/contents/", q, string(id)), &d); err != nil {
		return nil, err
	}
	_ = json.Unmarshal(d.ThreadsRaw, &d.Threads) // another shape leaves Threads nil
	return &d, nil
}
