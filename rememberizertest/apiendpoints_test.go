package rememberizertest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// apiDo sends one API request with a bearer token (or none) and an
// optional JSON body.
func apiDo(t *testing.T, method, u, token, body string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return do(t, req)
}

func TestAPIEndpointsStrictness(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	tok, err := s.IssueAccessToken("42")
	if err != nil {
		t.Fatal(err)
	}
	clk := newClock()
	expiring := startServer(t, Config{Now: clk.Now})
	old, _ := expiring.IssueAccessToken("42")
	clk.Advance(2 * time.Hour)
	tests := []struct {
		name       string
		srv        *Server
		method     string
		path       string
		token      string
		body       string
		wantStatus int
		wantBody   string // a substring
		wantHeader [2]string
	}{
		{"no bearer", s, "GET", SearchPath + "?q=roadmap", "", "", 401, `"detail":"Authentication credentials were not provided."`, [2]string{"WWW-Authenticate", `Bearer realm="api"`}},
		{"unknown bearer", s, "GET", DocumentsPath, "nope", "", 401, `"detail":"Invalid token."`, [2]string{}},
		{"expired bearer", expiring, "GET", DocumentsPath, old, "", 401, `"detail":"Invalid token."`, [2]string{}},
		{"wrong method", s, "DELETE", DocumentsPath, tok, "", 405, `Method \"DELETE\" not allowed.`, [2]string{"Allow", "GET"}},
		{"GET without slash", s, "GET", "/api/v1/documents/search?q=a", tok, "", 301, "", [2]string{"Location", "/api/v1/documents/search/?q=a"}},
		{"GET contents without slash", s, "GET", "/api/v1/documents/105/contents", tok, "", 301, "", [2]string{"Location", "/api/v1/documents/105/contents/"}},
		{"POST without slash", s, "POST", "/api/v1/documents/memorize", tok, `{"name":"a","content":"b"}`, 500, "RuntimeError", [2]string{}},
		{"unknown path", s, "GET", "/api/v1/nothing/", tok, "", 404, `"detail":"Not found."`, [2]string{}},
		{"search without q", s, "GET", SearchPath, tok, "", 400, "q", [2]string{}},
		{"search with bad n", s, "GET", SearchPath + "?q=a&n=x", tok, "", 400, "n", [2]string{}},
		{"search with bad from", s, "GET", SearchPath + "?q=a&from=yesterday", tok, "", 400, "from", [2]string{}},
		{"contents over 20 chunks", s, "GET", "/api/v1/documents/105/contents/?start_chunk=0&end_chunk=21", tok, "", 400, "At most 20", [2]string{}},
		{"contents of unknown document", s, "GET", "/api/v1/documents/9/contents/", tok, "", 404, "Not found.", [2]string{}},
		{"memorize without content", s, "POST", MemorizePath, tok, `{"name":"a"}`, 400, `"content":["This field is required."]`, [2]string{}},
		{"memorize as a form", s, "POST", MemorizePath, tok, "", 415, "Unsupported media type", [2]string{}},
		{"invalid page", s, "GET", DocumentsPath + "?page=9", tok, "", 404, "Invalid page.", [2]string{}},
		{"discussion not slack", s, "GET", "/api/v1/discussions/102/contents/?integration_type=gmail", tok, "", 400, "slack", [2]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := apiDo(t, tt.method, tt.srv.URL+tt.path, tt.token, tt.body)
			if r.status != tt.wantStatus || !strings.Contains(r.raw, tt.wantBody) {
				t.Errorf("got %d %s, want %d with %s", r.status, r.raw, tt.wantStatus, tt.wantBody)
			}
			if h := tt.wantHeader; h[0] != "" && r.header.Get(h[0]) != h[1] {
				t.Errorf("got %s %q, want %q", h[0], r.header.Get(h[0]), h[1])
			}
		})
	}
}

func TestDocumentsPagination(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	tok, _ := s.IssueAccessToken("42")
	next := s.URL + DocumentsPath + "?page_size=2"
	var names []string
	for pages := 0; next != ""; pages++ {
		if pages == 5 {
			t.Fatal("more than 5 pages")
		}
		r := apiGet(t, next, tok)
		var p struct {
			Count   int
			Next    *string
			Results []struct{ Name string }
		}
		if err := json.Unmarshal([]byte(r.raw), &p); err != nil || p.Count != 5 {
			t.Fatalf("got %s, want a page of 5 documents in all", r.raw)
		}
		for _, d := range p.Results {
			names = append(names, d.Name)
		}
		next = ""
		if p.Next != nil {
			if !strings.HasPrefix(*p.Next, s.URL+DocumentsPath+"?") || !strings.Contains(*p.Next, "page_size=2") {
				t.Errorf("got next %q, want an absolute link keeping page_size", *p.Next)
			}
			next = *p.Next
		}
	}
	if len(names) != 5 || s.Calls(DocumentsPath) != 3 {
		t.Errorf("got %q in %d requests, want 5 documents in 3", names, s.Calls(DocumentsPath))
	}
}

func TestFailNextPerEndpoint(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	tok, _ := s.IssueAccessToken("42")
	if err := s.FailNext(SearchPath, Fault{Status: 429, Body: `{"detail":"slow down"}`, Header: http.Header{"Retry-After": {"3"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.FailNext("/api/v1/nowhere/", Fault{}); err == nil {
		t.Error("FailNext on an unknown path: got no error")
	}
	// Another endpoint is not affected.
	if r := apiGet(t, s.URL+DocumentsPath, tok); r.status != 200 {
		t.Errorf("documents: got %d, want 200", r.status)
	}
	r := apiGet(t, s.URL+SearchPath+"?q=roadmap", tok)
	if r.status != 429 || r.header.Get("Retry-After") != "3" || r.str("detail") != "slow down" {
		t.Errorf("got %d %s, want the fault", r.status, r.raw)
	}
	if r := apiGet(t, s.URL+SearchPath+"?q=roadmap", tok); r.status != 200 {
		t.Errorf("after the fault: got %d, want 200", r.status)
	}
	if got := s.Calls(SearchPath); got != 2 {
		t.Errorf("got %d search calls, want 2", got)
	}
	// A fault on the account path is the account fault.
	if err := s.FailNext(AccountPath, Fault{Status: 503}); err != nil {
		t.Fatal(err)
	}
	if r := apiGet(t, s.AccountURL(), tok); r.status != 503 || s.Calls(AccountPath) != 1 || s.AccountCalls() != 1 {
		t.Errorf("got %d and %d calls, want 503 and 1", r.status, s.Calls(AccountPath))
	}
}

func TestSearchIsDeterministic(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	tok, _ := s.IssueAccessToken("42")
	first := apiGet(t, s.URL+SearchPath+"?q=launch+roadmap&n=3", tok).raw
	for range 5 {
		if got := apiGet(t, s.URL+SearchPath+"?q=launch+roadmap&n=3", tok).raw; got != first {
			t.Fatalf("got %s, then %s", first, got)
		}
	}
	var body searchJSON
	if err := json.Unmarshal([]byte(first), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.MatchedChunks) != 3 || body.MatchedChunks[0].Distance != 0 ||
		!strings.Contains(body.MatchedChunks[0].MatchedContent, "Launch of the public API") {
		t.Errorf("got %s, want the chunk with both words first", first)
	}
}

func TestMemorizeIsPerUser(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Users: []User{{ID: "1", Email: "a@example.com"}, {ID: "2", Email: "b@example.com"}}})
	a, _ := s.IssueAccessToken("1")
	b, _ := s.IssueAPIKey("2")
	if r := apiDo(t, "POST", s.URL+MemorizePath, a, `{"name":"Secret","content":"zebra crossing"}`); r.status != 201 {
		t.Fatalf("memorize: got %d %s", r.status, r.raw)
	}
	if r := apiGet(t, s.URL+SearchPath+"?q=zebra", a); !strings.Contains(r.raw, `"name":"Secret"`) {
		t.Errorf("user 1's search: got %s, want the note", r.raw)
	}
	req, _ := http.NewRequest("GET", s.URL+SearchPath+"?q=zebra", nil)
	req.Header.Set("X-Api-Key", b)
	if r := do(t, req); r.status != 200 || strings.Contains(r.raw, "Secret") {
		t.Errorf("user 2's search: got %d %s, want no note", r.status, r.raw)
	}
}

func TestDisconnectRevokesIssuedTokens(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	tok, _ := s.IssueAccessToken("42")
	s.Disconnect("42")
	if r := apiGet(t, s.AccountURL(), tok); r.status != 401 {
		t.Errorf("got %d, want 401", r.status)
	}
	if _, err := s.IssueAccessToken("nobody"); err == nil {
		t.Error("IssueAccessToken for an unknown user: got no error")
	}
	if _, err := s.IssueAPIKey("nobody"); err == nil {
		t.Error("IssueAPIKey for an unknown user: got no error")
	}
}
