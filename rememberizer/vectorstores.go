package rememberizer

import (
	"context"
	"fmt"
	"iter"
	"strings"
)

// VectorStore is a Rememberizer vector store: a collection of documents,
// chunked and embedded, that a program searches with the store's API key.
type VectorStore struct {
	ID                ID     `json:"id"`
	Name              string `json:"name"`
	Description       string `json:"description"`
	EmbeddingModel    string `json:"embedding_model"`
	IndexingAlgorithm string `json:"indexing_algorithm"`
	SearchMetric      string `json:"search_metric"`
	VectorDimension   int    `json:"vector_dimension"`
	Created           string `json:"created"`
	Modified          string `json:"modified"`
}

// NewVectorStore describes a vector store to create. Fields left empty
// get Rememberizer's defaults.
type NewVectorStore struct {
	// Name names the store. Required.
	Name string `json:"name"`
	// Description says what the store holds.
	// Optional. Default: "".
	Description string `json:"description,omitempty"`
	// EmbeddingModel is the model that embeds chunks, such as
	// "openai/text-embedding-3-small".
	// Optional. Default: Rememberizer's.
	EmbeddingModel string `json:"embedding_model,omitempty"`
	// IndexingAlgorithm is "ivfflat" or "hnsw".
	// Optional. Default: Rememberizer's (ivfflat).
	IndexingAlgorithm string `json:"indexing_algorithm,omitempty"`
	// SearchMetric is "cosine", "ip" or "l2".
	// Optional. Default: Rememberizer's (cosine).
	SearchMetric string `json:"search_metric,omitempty"`
	// VectorDimension is the embeddings' size.
	// Optional. Default: the model's.
	VectorDimension int `json:"vector_dimension,omitempty"`
}

// VectorStoreUpdate holds the fields of a vector store to change; empty
// ones stay as they are.
type VectorStoreUpdate struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
}

// CreateVectorStore creates a vector store of the signed-in user's (POST
// /vector-stores/) and returns it. It is a POST, so it is never retried.
func (c *Client) CreateVectorStore(ctx context.Context, spec NewVectorStore) (*VectorStore, error) {
	if strings.TrimSpace(spec.Name) == "" {
		return nil, fmt.Errorf("%w: a vector store needs a name", ErrInvalidArgument)
	}
	var vs VectorStore
	if err := c.post(ctx, c.endpoint("vector-stores/", nil), spec, &vs); err != nil {
		return nil, err
	}
	return &vs, nil
}

// VectorStores lists the user's vector stores (GET /vector-stores/), page
// after page as the loop goes on, bounded as [Client.Documents] is.
func (c *Client) VectorStores(ctx context.Context) iter.Seq2[VectorStore, error] {
	return paginate[VectorStore](ctx, c, c.endpoint("vector-stores/", nil))
}

// VectorStore returns vector store id (GET /vector-stores/{id}/).
func (c *Client) VectorStore(ctx context.Context, id ID) (*VectorStore, error) {
	if id == "" {
		return nil, fmt.Errorf("%w: empty vector store id", ErrInvalidArgument)
	}
	var vs VectorStore
	if err := c.get(ctx, c.endpoint("vector-stores/%s/", nil, string(id)), &vs); err != nil {
		return nil, err
	}
	return &vs, nil
}

// CurrentVectorStore returns the vector store whose API key the client
// sends ([Config.APIKey]): GET /vector-stores/me.
func (c *Client) CurrentVectorStore(ctx context.Context) (*VectorStore, error) {
	var vs VectorStore
	if err := c.get(ctx, c.endpoint("vector-stores/me", nil), &vs); err != nil {
		return nil, err
	}
	return &vs, nil
}

// UpdateVectorStore changes vector store id's name or description and
// returns it. It is a PATCH, so it is never retried.
func (c *Client) UpdateVectorStore(ctx context.Context, id ID, u VectorStoreUpdate) (*VectorStore, error) {
	if id == "" {
		return nil, fmt.Errorf("%w: empty vector store id", ErrInvalidArgument)
	}
	if strings.TrimSpace(u.Name) == "" && strings.TrimSpace(u.Description) == "" {
		return nil, fmt.Errorf("%w: nothing to change", ErrInvalidArgument)
	}
	var vs VectorStore
	if err := c.patch(ctx, c.endpoint("vector-stores/%s/", nil, string(id)), u, &vs); err != nil {
		return nil, err
	}
	return &vs, nil
}

// DeleteVectorStore deletes vector store id and its documents. It is a
// DELETE, so it is never retried.
func (c *Client) DeleteVectorStore(ctx context.Context, id ID) error {
	if id == "" {
		return fmt.Errorf("%w: empty vector store id", ErrInvalidArgument)
	}
	return c.del(ctx, c.endpoint("vector-stores/%s/", nil, string(id)))
}
