package rememberizer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// SearchOptions tunes [Client.Search]. A nil *SearchOptions uses the
// server's defaults.
type SearchOptions struct {
	// N is how many chunks to return.
	// Optional. Default: the server's (3 to 5).
	N int
	// From and To keep documents from that time range.
	// Optional. Default: no range.
	From, To time.Time
	// PrevChunks and NextChunks add that many neighbouring chunks around
	// each match, for context.
	// Optional. Default: 0.
	PrevChunks, NextChunks int
}

// AgenticSearchOptions tunes [Client.AgenticSearch]. A nil
// *AgenticSearchOptions uses the server's defaults.
type AgenticSearchOptions struct {
	// N is how many chunks to return.
	// Optional. Default: the server's.
	N int
	// UserContext tells the search what the user is doing, to guide it.
	// Optional. Default: "".
	UserContext string
	// From and To keep documents from that time range.
	// Optional. Default: no range.
	From, To time.Time
}

// SearchResult is the answer of a search: the chunks that matched, best
// first, and the data sources they came from.
type SearchResult struct {
	DataSources []DataSource `json:"data_sources"`
	Chunks      []Chunk      `json:"matched_chunks"`
}

// DataSource counts matches from one data source.
type DataSource struct {
	Name      string `json:"name"`
	Documents int    `json:"documents"`
}

// Chunk is a piece of a document that matched a search.
type Chunk struct {
	Document ChunkDocument `json:"document"`
	// Content is the chunk's text, with its neighbours when asked for.
	Content string `json:"matched_content"`
	// Distance is how far the chunk is from the query: smaller is closer.
	Distance float64 `json:"distance"`
	// ChunkID is set by the older search schema only.
	ChunkID ID `json:"chunk_id"`
}

// ChunkDocument is the document a [Chunk] belongs to.
type ChunkDocument struct {
	ID           ID     `json:"id"`
	DocumentID   string `json:"document_id"`
	Name         string `json:"name"`
	Type         string `json:"type"`
	Path         string `json:"path"`
	URL          string `json:"url"`
	Size         int64  `json:"size"`
	CreatedTime  string `json:"created_time"`
	ModifiedTime string `json:"modified_time"`
	IndexedOn    string `json:"indexed_on"`
	Integration  struct {
		ID   ID     `json:"id"`
		Type string `json:"integration_type"`
	} `json:"integration"`
}

// searchWire is a search answer in either schema: matches under
// "matched_chunks", or under "data" in the older one.
type searchWire struct {
	DataSources   []DataSource `json:"data_sources"`
	MatchedChunks []Chunk      `json:"matched_chunks"`
	Data          []Chunk      `json:"data"`
}

// result returns the answer as a SearchResult.
func (w *searchWire) result() *SearchResult {
	r := &SearchResult{DataSources: w.DataSources, Chunks: w.MatchedChunks}
	if r.Chunks == nil {
		r.Chunks = w.Data
	}
	return r
}

// UnmarshalJSON decodes both search schemas: matches under
// "matched_chunks", or under "data" in the older one.
func (r *SearchResult) UnmarshalJSON(b []byte) error {
	var w searchWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = *w.result()
	return nil
}

// Search runs a semantic search over the user's knowledge for query (at
// most 400 words) and returns the chunks that match, best first.
func (c *Client) Search(ctx context.Context, query string, opts *SearchOptions) (*SearchResult, error) {
	if strings.TrimSpace(query) == "" {
		return nil, fmt.Errorf("%w: empty search query", ErrInvalidArgument)
	}
	q := url.Values{"q": {query}}
	if opts != nil {
		if opts.N > 0 {
			q.Set("n", strconv.Itoa(opts.N))
		}
		setTime(q, "from", opts.From)
		setTime(q, "to", opts.To)
		if opts.PrevChunks > 0 {
			q.Set("prev_chunks", strconv.Itoa(opts.PrevChunks))
		}
		if opts.NextChunks > 0 {
			q.Set("next_chunks", strconv.Itoa(opts.NextChunks))
		}
	}
	var w searchWire
	if err := c.get(ctx, c.endpoint("documents/search/", q), &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

// AgenticSearch runs Rememberizer's LLM-assisted search for query. It is a
// POST, so it is never retried.
func (c *Client) AgenticSearch(ctx context.Context, query string, opts *AgenticSearchOptions) (*SearchResult, error) {
	if strings.TrimSpace(query) == "" {
		return nil, fmt.Errorf("%w: empty search query", ErrInvalidArgument)
	}
	body := struct {
		Query       string `json:"query"`
		N           int    `json:"n_chunks,omitempty"`
		UserContext string `json:"user_context,omitempty"`
		From        string `json:"from,omitempty"`
		To          string `json:"to,omitempty"`
	}{Query: query}
	if opts != nil {
		body.N = opts.N
		body.UserContext = opts.UserContext
		body.From = isoTime(opts.From)
		body.To = isoTime(opts.To)
	}
	var w searchWire
	if err := c.post(ctx, c.endpoint("documents/agentic_search/", nil), body, &w); err != nil {
		return nil, err
	}
	return w.result(), nil
}

// setTime sets q[key] to t in ISO 8601, unless t is zero.
func setTime(q url.Values, key string, t time.Time) {
	if s := isoTime(t); s != "" {
		q.Set(key, s)
	}
}

// isoTime formats t in ISO 8601 (RFC 3339), "" for the zero time.
func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
