package rememberizer

import (
	"context"
	"encoding/json"
)

// Integration types Rememberizer uses for its data sources.
const (
	IntegrationGoogleDrive     = "google_drive"
	IntegrationSlack           = "slack"
	IntegrationDropbox         = "dropbox"
	IntegrationGmail           = "gmail"
	IntegrationCommonKnowledge = "common_knowledge"
)

// Integration is a data source the user connected, from GET
// /integrations/.
type Integration struct {
	ID ID `json:"id"`
	// Type is the integration type, such as [IntegrationSlack].
	Type string `json:"integration_type"`
	// Step is where the integration's setup stands.
	Step string `json:"integration_step"`
	// Source names the account or workspace, such as an email address.
	Source        string        `json:"source"`
	DocumentType  string        `json:"document_type"`
	DocumentStats DocumentStats `json:"document_stats"`
	ConsentTime   string        `json:"consent_time"`
	// TokenValidity and MemoryConfig are kept as sent: their shape is not
	// documented.
	TokenValidity json.RawMessage `json:"token_validity"`
	MemoryConfig  json.RawMessage `json:"memory_config"`
}

// DocumentStats counts an integration's documents.
type DocumentStats struct {
	Status struct {
		Indexed  int `json:"indexed"`
		Indexing int `json:"indexing"`
		Error    int `json:"error"`
	} `json:"status"`
	TotalSize     int64 `json:"total_size"`
	DocumentCount int   `json:"document_count"`
}

// Integrations lists the data sources the user connected.
func (c *Client) Integrations(ctx context.Context) ([]Integration, error) {
	var body struct {
		Data []Integration `json:"data"`
	}
	if err := c.get(ctx, c.endpoint("integrations/", nil), &body); err != nil {
		return nil, err
	}
	return body.Data, nil
}
