package rememberizer

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The methods of this file act on one vector store's documents. Rememberizer
// authenticates them with the store's API key only: set [Config.APIKey] to
// it.

// VectorStoreDocument is a document in a vector store.
type VectorStoreDocument struct {
	ID       ID     `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Size     int64  `json:"size"`
	Status   string `json:"status"`
	Created  string `json:"created"`
	Modified string `json:"modified"`
}

// VectorStoreSearchOptions tunes [Client.SearchVectorStore]. A nil
// *VectorStoreSearchOptions uses the server's defaults.
type VectorStoreSearchOptions struct {
	// N is how many chunks to return.
	// Optional. Default: the server's (5).
	N int
	// Threshold drops matches farther than it from the query.
	// Optional. Default: the server's.
	Threshold float64
	// PrevChunks and NextChunks add that many neighbouring chunks around
	// each match.
	// Optional. Default: 0.
	PrevChunks, NextChunks int
}

// VectorStoreSearchResult is the answer of a vector store search: the
// store and the chunks that matched, best first.
type VectorStoreSearchResult struct {
	VectorStore struct {
		ID   ID     `json:"id"`
		Name string `json:"name"`
	} `json:"vector_store"`
	Chunks []VectorStoreChunk `json:"matched_chunks"`
}

// VectorStoreChunk is a piece of a vector store document that matched.
type VectorStoreChunk struct {
	Document VectorStoreDocument `json:"document"`
	// Content is the chunk's text, with its neighbours when asked for.
	Content string `json:"matched_content"`
	// Distance is how far the chunk is from the query: smaller is closer.
	Distance float64 `json:"distance"`
}

// VectorStoreDocuments lists the documents of vector store id (GET
// /vector-stores/{id}/documents/), page after page as the loop goes on,
// bounded as [Client.Documents] is.
func (c *Client) VectorStoreDocuments(ctx context.Context, id ID) iter.Seq2[VectorStoreDocument, error] {
	if id == "" {
		return func(yield func(VectorStoreDocument, error) bool) {
			yield(VectorStoreDocument{}, fmt.Errorf("%w: empty vector store id", ErrInvalidArgument))
		}
	}
	return paginate[VectorStoreDocument](ctx, c, c.endpoint("vector-stores/%s/documents/", nil, string(id)))
}

// VectorStoreDocument returns document docID of vector store id.
func (c *Client) VectorStoreDocument(ctx context.Context, id, docID ID) (*VectorStoreDocument, error) {
	if id == "" || docID == "" {
		return nil, fmt.Errorf("%w: empty vector store or document id", ErrInvalidArgument)
	}
	var d VectorStoreDocument
	if err := c.get(ctx, c.endpoint("vector-stores/%s/documents/%s/", nil, string(id), string(docID)), &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// AddVectorStoreText adds a text document called name to vector store id
// (POST /vector-stores/{id}/documents/create) and returns it. It is a
// POST, so it is never retried.
func (c *Client) AddVectorStoreText(ctx context.Context, id ID, name, text string) (*VectorStoreDocument, error) {
	if id == "" || strings.TrimSpace(name) == "" || strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%w: adding a text needs a vector store id, a name and a text", ErrInvalidArgument)
	}
	body := struct {
		Text string `json:"text"`
		Name string `json:"document_name"`
	}{text, name}
	var raw rawAnswer
	if err := c.post(ctx, c.endpoint("vector-stores/%s/documents/create", nil, string(id)), body, &raw); err != nil {
		return nil, err
	}
	return firstOf[VectorStoreDocument](raw.b)
}

// UploadVectorStoreFile uploads a file into vector store id (POST
// /vector-stores/{id}/documents/upload), streamed ([Upload]), and returns
// the document made of it. It is a POST, so it is never retried.
func (c *Client) UploadVectorStoreFile(ctx context.Context, id ID, f Upload) (*VectorStoreDocument, error) {
	if id == "" {
		return nil, fmt.Errorf("%w: empty vector store id", ErrInvalidArgument)
	}
	body, err := c.multipartBody("files", []Upload{f})
	if err != nil {
		return nil, err
	}
	var raw rawAnswer
	if err := c.call(ctx, http.MethodPost, c.endpoint("vector-stores/%s/documents/upload", nil, string(id)), body, &raw); err != nil {
		return nil, err
	}
	return firstOf[VectorStoreDocument](raw.b)
}

// DeleteVectorStoreDocument removes document docID from vector store id.
// It is a DELETE, so it is never retried.
func (c *Client) DeleteVectorStoreDocument(ctx context.Context, id, docID ID) error {
	if id == "" || docID == "" {
		return fmt.Errorf("%w: empty vector store or document id", ErrInvalidArgument)
	}
	return c.del(ctx, c.endpoint("vector-stores/%s/documents/%s/", nil, string(id), string(docID)))
}

// SearchVectorStore runs a semantic search for query (at most 400 words)
// over vector store id's documents.
func (c *Client) SearchVectorStore(ctx context.Context, id ID, query string, opts *VectorStoreSearchOptions) (*VectorStoreSearchResult, error) {
	if id == "" {
		return nil, fmt.Errorf("%w: empty vector store id", ErrInvalidArgument)
	}
	if strings.TrimSpace(query) == "" {
		return nil, fmt.Errorf("%w: empty search query", ErrInvalidArgument)
	}
	q := url.Values{"q": {query}}
	if opts != nil {
		if opts.N > 0 {
			q.Set("n", strconv.Itoa(opts.N))
		}
		if opts.Threshold > 0 {
			q.Set("t", strconv.FormatFloat(opts.Threshold, 'g', -1, 64))
		}
		if opts.PrevChunks > 0 {
			q.Set("prev_chunks", strconv.Itoa(opts.PrevChunks))
		}
		if opts.NextChunks > 0 {
			q.Set("next_chunks", strconv.Itoa(opts.NextChunks))
		}
	}
	var res VectorStoreSearchResult
	if err := c.get(ctx, c.endpoint("vector-stores/%s/documents/search", q, string(id)), &res); err != nil {
		return nil, err
	}
	return &res, nil
}
