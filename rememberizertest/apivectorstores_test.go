package rememberizertest

import (
	"net/http"
	"strings"
	"testing"
)

// keyDo sends one API request with an x-api-key header (or none) and an
// optional body of content type ct.
func keyDo(t *testing.T, method, u, key, ct, body string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("X-Api-Key", key)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	return do(t, req)
}

func TestNewEndpointsStrictness(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	tok, err := s.IssueAccessToken("42")
	if err != nil {
		t.Fatal(err)
	}
	userKey, _ := s.IssueAPIKey("42")
	created := apiDo(t, "POST", s.URL+VectorStoresPath, tok, `{"name": "Answers"}`)
	if created.status != http.StatusCreated {
		t.Fatalf("creating a store: got %d %s", created.status, created.raw)
	}
	id := created.str("id")
	key, err := s.IssueVectorStoreKey(id)
	if err != nil {
		t.Fatal(err)
	}
	other := apiDo(t, "POST", s.URL+VectorStoresPath, tok, `{"name": "Other"}`).str("id")
	otherKey, _ := s.IssueVectorStoreKey(other)
	if _, err := s.IssueVectorStoreKey("vs_404"); err == nil {
		t.Error("IssueVectorStoreKey of an unknown store: got no error")
	}
	store := "/api/v1/vector-stores/" + id
	const json = "application/json"
	tests := []struct {
		name       string
		method     string
		path       string
		key        string // x-api-key; "" sends the bearer token
		ct, body   string
		wantStatus int
		wantBody   string // a substring
	}{
		{"store list with a bearer", "GET", VectorStoresPath, "", "", "", 200, `"name":"Answers"`},
		{"store list with the user's key", "GET", VectorStoresPath, userKey, "", "", 200, `"count":2`},
		{"store list without slash", "GET", "/api/v1/vector-stores", "", "", "", 301, ""},
		{"store create without slash", "POST", "/api/v1/vector-stores", "", json, `{"name":"x"}`, 500, "RuntimeError"},
		{"store create without name", "POST", VectorStoresPath, "", json, `{}`, 400, `"name":["This field is required."]`},
		{"store create with a bad metric", "POST", VectorStoresPath, "", json, `{"name":"x","search_metric":"manhattan"}`, 400, "search_metric"},
		{"store wrong method", "PUT", store + "/", "", json, `{}`, 405, `Method \"PUT\" not allowed.`},
		{"store with a store key", "GET", store + "/", key, "", "", 401, `"detail":"Invalid API key."`},
		{"store of another user", "GET", "/api/v1/vector-stores/vs_999/", "", "", "", 404, "Not found."},
		{"me with its key", "GET", CurrentVectorStorePath, key, "", "", 200, `"id":"` + id + `"`},
		{"me without a key", "GET", CurrentVectorStorePath, "", "", "", 401, `"detail":"Authentication credentials were not provided."`},
		{"me with the user's key", "GET", CurrentVectorStorePath, userKey, "", "", 401, `"detail":"Invalid API key."`},
		{"me wrong method", "POST", CurrentVectorStorePath, key, json, `{}`, 405, "not allowed"},
		{"documents with another store's key", "GET", store + "/documents/", otherKey, "", "", 404, "Not found."},
		{"documents without slash", "GET", store + "/documents", key, "", "", 301, ""},
		{"add text", "POST", store + "/documents/create", key, json, `{"text":"Refunds take five days.","document_name":"Refunds"}`, 201, `"name":"Refunds"`},
		{"add text with a slash", "POST", store + "/documents/create/", key, json, `{}`, 405, "not allowed"},
		{"add text without text", "POST", store + "/documents/create", key, json, `{"document_name":"x"}`, 400, `"text":["This field is required."]`},
		{"add text as a form", "POST", store + "/documents/create", key, "application/x-www-form-urlencoded", "text=x", 415, "Unsupported media type"},
		{"search without q", "GET", store + "/documents/search", key, "", "", 400, "q"},
		{"search with a bad threshold", "GET", store + "/documents/search?q=a&t=x", key, "", "", 400, "t"},
		{"upload as JSON", "POST", store + "/documents/upload", key, json, `{}`, 415, "Unsupported media type"},
		{"upload without a file", "POST", store + "/documents/upload", key, "multipart/form-data; boundary=b", "--b--\r\n", 400, "No file was submitted."},
		{"document upload wrong method", "GET", UploadPath, "", "", "", 405, "not allowed"},
		{"batch search without queries", "POST", BatchSearchPath, "", json, `{"queries":[]}`, 400, `"queries"`},
		{"batch search with a blank query", "POST", BatchSearchPath, "", json, `{"queries":["a"," "]}`, 400, "blank"},
		{"memento rename without name", "PATCH", "/api/v1/mementos/1/", "", json, `{"name":""}`, 400, `"name"`},
		{"memento wrong method", "PUT", "/api/v1/mementos/1/", "", json, `{}`, 405, "not allowed"},
		{"memento documents with a bad id", "POST", "/api/v1/mementos/memento_document/1/", "", json, `{"add":["x"]}`, 400, "integers"},
		{"memento documents without slash", "POST", "/api/v1/mementos/memento_document/1", "", json, `{}`, 500, "RuntimeError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r response
			if tt.key == "" {
				req, err := http.NewRequest(tt.method, s.URL+tt.path, strings.NewReader(tt.body))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Authorization", "Bearer "+tok)
				if tt.ct != "" {
					req.Header.Set("Content-Type", tt.ct)
				}
				r = do(t, req)
			} else {
				r = keyDo(t, tt.method, s.URL+tt.path, tt.key, tt.ct, tt.body)
			}
			if r.status != tt.wantStatus || !strings.Contains(r.raw, tt.wantBody) {
				t.Errorf("got %d %s, want %d with %s", r.status, r.raw, tt.wantStatus, tt.wantBody)
			}
		})
	}
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	routes := Routes()
	seen := map[Route]bool{}
	for i, r := range routes {
		if seen[r] {
			t.Errorf("route %v listed twice", r)
		}
		seen[r] = true
		if i > 0 && (routes[i-1].Path > r.Path || (routes[i-1].Path == r.Path && routes[i-1].Method > r.Method)) {
			t.Errorf("routes not sorted at %v", r)
		}
		if pattern, _, ok := matchAPI(strings.NewReplacer("{id}", "7", "{doc}", "8").Replace(r.Path)); !ok || pattern != r.Path {
			t.Errorf("route %v: the router matches %q", r, pattern)
		}
	}
	if !seen[Route{"DELETE", VectorStoreDocumentPath}] || !seen[Route{"GET", AccountPath}] || !seen[Route{"POST", MementosPath}] {
		t.Errorf("got %v, missing routes", routes)
	}
}
