package rememberizer_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// recorder is another host that counts the requests it gets.
func recorder(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"count": 0, "next": null, "results": [], "id": 1}`)
	}))
	t.Cleanup(other.Close)
	return other, &n
}

// allDocuments lists every document of rc, page after page, and returns
// the first error.
func allDocuments(rc *rememberizer.Client) error {
	for _, err := range rc.Documents(context.Background(), nil) {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestNoRequestToAnotherHost checks that the credentials never leave the
// base URL's origin, whatever a next link or a redirect points to.
func TestNoRequestToAnotherHost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		path  string
		fault func(otherURL string) rememberizertest.Fault
		call  func(rc *rememberizer.Client) error
	}{
		{"documents next link", rememberizertest.DocumentsPath, func(o string) rememberizertest.Fault {
			return rememberizertest.Fault{Body: `{"count": 3, "next": "` + o + `/api/v1/documents/?page=2", "results": [{"id": 1, "name": "A"}]}`}
		}, allDocuments},
		{"mementos next link", rememberizertest.MementosPath, func(o string) rememberizertest.Fault {
			return rememberizertest.Fault{Body: `{"count": 3, "next": "` + o + `/api/v1/mementos/?page=2", "results": [{"id": 1, "name": "A"}]}`}
		}, func(rc *rememberizer.Client) error {
			_, err := rc.Mementos(context.Background())
			return err
		}},
		{"scheme-relative next link", rememberizertest.DocumentsPath, func(o string) rememberizertest.Fault {
			return rememberizertest.Fault{Body: `{"count": 3, "next": "` + strings.TrimPrefix(o, "http:") + `/api/v1/documents/?page=2", "results": []}`}
		}, allDocuments},
		{"redirect on GET", rememberizertest.AccountPath, func(o string) rememberizertest.Fault {
			return rememberizertest.Fault{Status: http.StatusFound, Header: http.Header{"Location": {o + "/api/v1/account/"}}}
		}, func(rc *rememberizer.Client) error {
			_, err := rc.Account(context.Background())
			return err
		}},
		{"redirect on POST", rememberizertest.MemorizePath, func(o string) rememberizertest.Fault {
			return rememberizertest.Fault{Status: http.StatusTemporaryRedirect, Header: http.Header{"Location": {o + "/api/v1/documents/memorize/"}}}
		}, func(rc *rememberizer.Client) error {
			return rc.Memorize(context.Background(), "note", "text")
		}},
	}
	for _, tt := range tests {
		for _, auth := range []string{"bearer", "api key"} {
			t.Run(tt.name+" with "+auth, func(t *testing.T) {
				t.Parallel()
				other, hits := recorder(t)
				var rc *rememberizer.Client
				var srv *rememberizertest.Server
				if auth == "bearer" {
					f := setup(t, rememberizer.Config{})
					rc, srv = f.rc, f.srv
				} else {
					rc, srv, _ = apiKeyClient(t)
				}
				if err := srv.FailNext(tt.path, tt.fault(other.URL)); err != nil {
					t.Fatal(err)
				}
				err := tt.call(rc)
				if !errors.Is(err, rememberizer.ErrForeignHost) {
					t.Errorf("got %v, want ErrForeignHost", err)
				}
				if n := hits.Load(); n != 0 {
					t.Errorf("the other host got %d requests, want 0", n)
				}
			})
		}
	}
}

func TestRelativeNextLinkStaysOnOrigin(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	f.failNext(t, rememberizertest.DocumentsPath, rememberizertest.Fault{
		Body: `{"count": 6, "next": "/api/v1/documents/?page=2&page_size=3", "results": [{"id": 1, "name": "first"}]}`,
	})
	var names []string
	for d, err := range f.rc.Documents(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, d.Name)
	}
	if len(names) != 3 || names[0] != "first" || names[1] != "Meeting notes: retrieval research" {
		t.Errorf("got %q, want first, then the fake's page 2 of size 3", names)
	}
}

// TestRequestsAreStrict checks the URL each call sends: trailing slashes
// kept, ids path-escaped, parameters encoded.
func TestRequestsAreStrict(t *testing.T) {
	t.Parallel()
	var got []string
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.Method+" "+r.URL.EscapedPath()+"?"+r.URL.RawQuery+" "+r.Header.Get("x-api-key"))
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), Request: r}, nil
	})}
	rc, err := rememberizer.New(hc, rememberizer.Config{BaseURL: "https://rememberizer.example", APIKey: "k1"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		call func()
		want string
	}{
		{func() { rc.Account(ctx) }, "GET /api/v1/account/? k1"},
		{func() { rc.Profile(ctx) }, "GET /api/v1/me/? k1"},
		{func() { rc.Search(ctx, "a&b=c d", &rememberizer.SearchOptions{N: 3, PrevChunks: 1}) }, "GET /api/v1/documents/search/?n=3&prev_chunks=1&q=a%26b%3Dc+d k1"},
		{func() { rc.Memento(ctx, "../../account") }, "GET /api/v1/mementos/..%2F..%2Faccount/? k1"},
		{func() { rc.Discussion(ctx, "a b?c", nil) }, "GET /api/v1/discussions/a%20b%3Fc/contents/?integration_type=slack k1"},
		{func() {
			for range rc.DocumentContents(ctx, "7/x") {
			}
		}, "GET /api/v1/documents/7%2Fx/contents/?end_chunk=20&start_chunk=0 k1"},
		{func() { rc.Memorize(ctx, "n", "c") }, "POST /api/v1/documents/memorize/? k1"},
		{func() { rc.SubscribedCommonKnowledge(ctx) }, "GET /api/v1/common-knowledge/subscribed-list/? k1"},
	}
	for _, tt := range tests {
		got = nil
		tt.call()
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("got %q, want [%q]", got, tt.want)
		}
	}
}

func TestResponseSizeCap(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{MaxResponseBytes: 1000})
	f.failNext(t, rememberizertest.AccountPath, rememberizertest.Fault{Body: `{"id": 1, "name": "` + strings.Repeat("x", 2000) + `"}`})
	if _, err := f.rc.Account(context.Background()); !errors.Is(err, rememberizer.ErrResponseTooLarge) {
		t.Errorf("got %v, want ErrResponseTooLarge", err)
	}
	if _, err := f.rc.Account(context.Background()); err != nil {
		t.Errorf("a small answer: got %v, want none", err)
	}
}

func TestNewValidatesConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		base    string
		key     string
		wantErr bool
	}{
		{"", "", false},
		{"https://api.rememberizer.ai", "", false},
		{"https://api.rememberizer.ai/", "", false},
		{"http://127.0.0.1:8080", "", false},
		{"http://localhost:8080", "", false},
		{"http://[::1]:8080", "", false},
		{"http://api.rememberizer.ai", "", true},
		{"https://api.rememberizer.ai/api/v1", "", true},
		{"https://user:pw@api.rememberizer.ai", "", true},
		{"api.rememberizer.ai", "", true},
		{"ftp://api.rememberizer.ai", "", true},
		{"https://api.rememberizer.ai?x=1", "", true},
		{"https://api.rememberizer.ai", "key\r\nX-Evil: 1", true},
	}
	for _, tt := range tests {
		_, err := rememberizer.New(nil, rememberizer.Config{BaseURL: tt.base, APIKey: tt.key})
		if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, rememberizer.ErrInvalidConfig)) {
			t.Errorf("New(%q): got %v, want error %t", tt.base, err, tt.wantErr)
		}
		if err != nil && tt.key != "" && strings.Contains(err.Error(), tt.key) {
			t.Errorf("error %q shows the key", err)
		}
	}
}
