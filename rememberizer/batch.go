package rememberizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// BatchSearch runs one semantic search per query in a single request
// (POST /documents/batch-search/, a path inferred from Rememberizer's API
// index) and returns the results in the order of queries. Only opts.N is
// sent. It is a POST, so it is never retried.
func (c *Client) BatchSearch(ctx context.Context, queries []string, opts *SearchOptions) ([]*SearchResult, error) {
	if len(queries) == 0 {
		return nil, fmt.Errorf("%w: no search query", ErrInvalidArgument)
	}
	for _, q := range queries {
		if strings.TrimSpace(q) == "" {
			return nil, fmt.Errorf("%w: empty search query", ErrInvalidArgument)
		}
	}
	body := struct {
		Queries []string `json:"queries"`
		N       int      `json:"n,omitempty"`
	}{Queries: queries}
	if opts != nil {
		body.N = opts.N
	}
	var raw rawAnswer
	if err := c.post(ctx, c.endpoint("documents/batch-search/", nil), body, &raw); err != nil {
		return nil, err
	}
	results, _, err := decodeList[*SearchResult](raw.b)
	if err != nil {
		return nil, err
	}
	if len(results) != len(queries) {
		return nil, fmt.Errorf("%w: %d results for %d queries", ErrBadResponse, len(results), len(queries))
	}
	for i, r := range results {
		if r == nil {
			results[i] = &SearchResult{}
		}
	}
	return results, nil
}

// UploadDocument uploads one file into the user's knowledge (POST
// /documents/upload/, a path inferred from Rememberizer's API index) and
// returns the document Rememberizer made of it. The content is streamed
// ([Upload]). It is a POST, so it is never retried.
func (c *Client) UploadDocument(ctx context.Context, f Upload) (*Document, error) {
	body, err := c.multipartBody("file", []Upload{f})
	if err != nil {
		return nil, err
	}
	var raw rawAnswer
	if err := c.call(ctx, http.MethodPost, c.endpoint("documents/upload/", nil), body, &raw); err != nil {
		return nil, err
	}
	return firstOf[Document](raw.b)
}

// BatchUploadResult is the answer of a batch upload: the documents made
// and the files Rememberizer refused (it answers 207 then).
type BatchUploadResult struct {
	Documents []Document
	Failed    []UploadFailure
}

// UploadFailure is a file a batch upload refused, and why.
type UploadFailure struct {
	Name  string `json:"name"`
	Error string `json:"error"`
}

// BatchUploadDocuments uploads files into the user's knowledge in one
// request (POST /documents/batch-upload/, a path inferred from
// Rememberizer's API index), each streamed ([Upload]) and capped at
// [Config.MaxUploadBytes]. It is a POST, so it is never retried.
func (c *Client) BatchUploadDocuments(ctx context.Context, files []Upload) (*BatchUploadResult, error) {
	body, err := c.multipartBody("files", files)
	if err != nil {
		return nil, err
	}
	var raw rawAnswer
	if err := c.call(ctx, http.MethodPost, c.endpoint("documents/batch-upload/", nil), body, &raw); err != nil {
		return nil, err
	}
	docs, _, err := decodeList[Document](raw.b)
	if err != nil {
		return nil, err
	}
	res := &BatchUploadResult{Documents: docs}
	var wire struct {
		Documents []Document      `json:"documents"`
		Errors    []UploadFailure `json:"errors"`
	}
	if t := bytes.TrimSpace(raw.b); len(t) > 0 && t[0] == '{' {
		if err := json.Unmarshal(t, &wire); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadResponse, err)
		}
		if res.Documents == nil {
			res.Documents = wire.Documents
		}
		res.Failed = wire.Errors
	}
	return res, nil
}

// firstOf decodes an answer that is one object, or a list of them (in any
// shape [decodeList] accepts) of which it returns the first.
func firstOf[T any](b []byte) (*T, error) {
	t := bytes.TrimSpace(b)
	if len(t) > 0 && t[0] == '{' {
		var probe struct {
			Results   json.RawMessage `json:"results"`
			Data      json.RawMessage `json:"data"`
			Documents json.RawMessage `json:"documents"`
		}
		_ = json.Unmarshal(t, &probe)
		switch {
		case probe.Results != nil:
			t = probe.Results
		case probe.Data != nil:
			t = probe.Data
		case probe.Documents != nil:
			t = probe.Documents
		default:
			var v T
			if err := json.Unmarshal(t, &v); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrBadResponse, err)
			}
			return &v, nil
		}
	}
	items, _, err := decodeList[T](t)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%w: an empty list", ErrBadResponse)
	}
	return &items[0], nil
}
