package rememberizer

import "context"

// CommonKnowledge is a published body of knowledge the user subscribed to.
type CommonKnowledge struct {
	ID            ID     `json:"id"`
	Name          string `json:"name"`
	Description   string `json:"description"`
	PublisherName string `json:"publisher_name"`
	Subscribers   int    `json:"num_of_subscribers"`
	DocumentIDs   []ID   `json:"document_ids"`
}

// SubscribedCommonKnowledge lists the common knowledge the user
// subscribed to.
func (c *Client) SubscribedCommonKnowledge(ctx context.Context) ([]CommonKnowledge, error) {
	return list[CommonKnowledge](ctx, c, c.endpoint("common-knowledge/subscribed-list/", nil))
}
