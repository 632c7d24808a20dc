package rememberizer_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// TestDecodeVariants serves each documented response variant in place of
// the fake's answer and checks what the client makes of it.
func TestDecodeVariants(t *testing.T) {
	t.Parallel()
	type check func(t *testing.T, rc *rememberizer.Client) error
	account := func(wantID string) check {
		return func(t *testing.T, rc *rememberizer.Client) error {
			a, err := rc.Account(context.Background())
			if err == nil && a.ID != rememberizer.ID(wantID) {
				t.Errorf("got id %q, want %q", a.ID, wantID)
			}
			return err
		}
	}
	search := func(wantNames ...string) check {
		return func(t *testing.T, rc *rememberizer.Client) error {
			res, err := rc.Search(context.Background(), "roadmap", nil)
			if err != nil {
				return err
			}
			if len(res.Chunks) != len(wantNames) {
				t.Fatalf("got %d chunks, want %d", len(res.Chunks), len(wantNames))
			}
			for i, c := range res.Chunks {
				if c.Document.Name != wantNames[i] {
					t.Errorf("chunk %d: got %q, want %q", i, c.Document.Name, wantNames[i])
				}
			}
			return nil
		}
	}
	tests := []struct {
		name       string
		path       string
		status     int
		body       string
		call       check
		wantStatus int    // of the *Error, 0 for success
		wantDetail string // of the *Error
		wantCode   string
	}{
		{name: "number id", path: rememberizertest.AccountPath, body: `{"id": 42, "email": "a@b.c", "name": "A"}`, call: account("42")},
		{name: "string id", path: rememberizertest.AccountPath, body: `{"id": "u-42", "email": "a@b.c"}`, call: account("u-42")},
		{name: "large number id", path: rememberizertest.AccountPath, body: `{"id": 123456789012345678901234567890}`, call: account("123456789012345678901234567890")},
		{name: "null id", path: rememberizertest.AccountPath, body: `{"id": null}`, call: account("")},
		{name: "unknown and missing fields", path: rememberizertest.AccountPath, body: `{"id": 7, "plan": {"tier": "pro"}, "flags": [1, 2]}`, call: account("7")},
		{name: "matched_chunks schema", path: rememberizertest.SearchPath,
			body: `{"data_sources": [{"name": "Slack", "documents": 1}], "matched_chunks": [{"document": {"id": 1, "name": "A", "integration": {"id": "2", "integration_type": "slack"}}, "matched_content": "x", "distance": 0.1}]}`,
			call: search("A")},
		{name: "older data schema", path: rememberizertest.SearchPath,
			body: `{"data": [{"chunk_id": "c-1", "document": {"id": "9", "name": "Old"}, "matched_content": "x", "distance": 0.2}, {"chunk_id": 2, "document": {"id": 10, "name": "Older"}}]}`,
			call: search("Old", "Older")},
		{name: "empty search", path: rememberizertest.SearchPath, body: `{"matched_chunks": []}`, call: search()},
		{name: "200 carrying error", path: rememberizertest.SearchPath, body: `{"error": "Search is unavailable for this account."}`,
			call: search(), wantStatus: 200, wantDetail: "Search is unavailable for this account."},
		{name: "200 carrying empty error", path: rememberizertest.SearchPath, body: `{"error": null, "matched_chunks": []}`, call: search()},
		{name: "DRF detail 401", path: rememberizertest.AccountPath, status: 401, body: `{"detail": "Invalid token."}`,
			call: account(""), wantStatus: 401, wantDetail: "Invalid token."},
		{name: "DRF detail 403", path: rememberizertest.AccountPath, status: 403, body: `{"detail": "You do not have permission to perform this action."}`,
			call: account(""), wantStatus: 403, wantDetail: "You do not have permission to perform this action."},
		{name: "error key 404", path: rememberizertest.AccountPath, status: 404, body: `{"error": "No such thing"}`,
			call: account(""), wantStatus: 404, wantDetail: "No such thing"},
		{name: "message and code", path: rememberizertest.AccountPath, status: 400, body: `{"message": "Bad range", "code": "invalid_range"}`,
			call: account(""), wantStatus: 400, wantDetail: "Bad range", wantCode: "invalid_range"},
		{name: "field errors", path: rememberizertest.AccountPath, status: 400, body: `{"detail": {"q": ["This field is required."]}}`,
			call: account(""), wantStatus: 400, wantDetail: `{"q":["This field is required."]}`},
		{name: "not JSON", path: rememberizertest.AccountPath, status: 502, body: `<html>Bad gateway</html>`,
			call: account(""), wantStatus: 502},
		{name: "control characters in detail", path: rememberizertest.AccountPath, status: 401, body: `{"detail": "bad\r\ntoken"}`,
			call: account(""), wantStatus: 401, wantDetail: "bad  token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := setup(t, rememberizer.Config{DisableRetries: true})
			status := tt.status
			if status == 0 {
				status = http.StatusOK
			}
			f.failNext(t, tt.path, rememberizertest.Fault{Status: status, Body: tt.body})
			err := tt.call(t, f.rc)
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				return
			}
			var apiErr *rememberizer.Error
			if !errorsAs(err, &apiErr) {
				t.Fatalf("got %v, want an *Error", err)
			}
			if apiErr.StatusCode != tt.wantStatus || apiErr.Detail != tt.wantDetail || apiErr.Code != tt.wantCode {
				t.Errorf("got status %d detail %q code %q, want %d %q %q", apiErr.StatusCode, apiErr.Detail, apiErr.Code, tt.wantStatus, tt.wantDetail, tt.wantCode)
			}
		})
	}
}

func TestErrorIs(t *testing.T) {
	t.Parallel()
	sentinels := []error{rememberizer.ErrUnauthorized, rememberizer.ErrForbidden, rememberizer.ErrNotFound, rememberizer.ErrRateLimited}
	tests := []struct {
		status int
		want   error
	}{
		{401, rememberizer.ErrUnauthorized},
		{403, rememberizer.ErrForbidden},
		{404, rememberizer.ErrNotFound},
		{429, rememberizer.ErrRateLimited},
		{500, nil},
		{200, nil},
	}
	for _, tt := range tests {
		err := error(&rememberizer.Error{StatusCode: tt.status, Method: "GET", Path: "/api/v1/account/"})
		for _, s := range sentinels {
			if got := errorsIs(err, s); got != (s == tt.want) {
				t.Errorf("status %d: errors.Is(%v) got %t, want %t", tt.status, s, got, s == tt.want)
			}
		}
	}
	e := &rememberizer.Error{StatusCode: 404, Method: "GET", Path: "/api/v1/mementos/9/", Detail: "Not found.", Code: "missing"}
	if got, want := e.Error(), "rememberizer: GET /api/v1/mementos/9/: HTTP 404 (missing): Not found."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
