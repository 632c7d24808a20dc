package rememberizertest

import (
	"net/http"
	"slices"
	"strings"
)

// Paths of the API endpoints beyond the account and mementos list, as
// keys for [Server.FailNext] and [Server.Calls]. "{id}" stands for the
// document, discussion, memento or vector store id, "{doc}" for a vector
// store document's id.
const (
	// ProfilePath is the path of the extended profile endpoint.
	ProfilePath = "/api/v1/me/"
	// IntegrationsPath is the path of the connected integrations endpoint.
	IntegrationsPath = "/api/v1/integrations/"
	// DocumentsPath is the path of the paginated documents list.
	DocumentsPath = "/api/v1/documents/"
	// SearchPath is the path of the semantic search endpoint.
	SearchPath = "/api/v1/documents/search/"
	// AgenticSearchPath is the path of the agentic search endpoint.
	AgenticSearchPath = "/api/v1/documents/agentic_search/"
	// MemorizePath is the path of the memorize endpoint.
	MemorizePath = "/api/v1/documents/memorize/"
	// ContentsPath is the pattern of a document's contents endpoint.
	ContentsPath = "/api/v1/documents/{id}/contents/"
	// DiscussionPath is the pattern of a Slack discussion's contents.
	DiscussionPath = "/api/v1/discussions/{id}/contents/"
	// MementoPath is the pattern of one memento (GET, PATCH, DELETE).
	MementoPath = "/api/v1/mementos/{id}/"
	// MementoDocumentsPath is the pattern of the endpoint that adds
	// documents to a memento and removes them.
	MementoDocumentsPath = "/api/v1/mementos/memento_document/{id}/"
	// CommonKnowledgePath is the path of the subscribed common knowledge.
	CommonKnowledgePath = "/api/v1/common-knowledge/subscribed-list/"
	// BatchSearchPath is the path of the batch search endpoint.
	BatchSearchPath = "/api/v1/documents/batch-search/"
	// UploadPath is the path of the document upload endpoint.
	UploadPath = "/api/v1/documents/upload/"
	// BatchUploadPath is the path of the batch document upload endpoint.
	BatchUploadPath = "/api/v1/documents/batch-upload/"
	// VectorStoresPath is the path of the user's vector stores (GET
	// lists, POST creates).
	VectorStoresPath = "/api/v1/vector-stores/"
	// VectorStorePath is the pattern of one vector store (GET, PATCH,
	// DELETE).
	VectorStorePath = "/api/v1/vector-stores/{id}/"
	// CurrentVectorStorePath is the path of the vector store whose API key
	// the request carries.
	CurrentVectorStorePath = "/api/v1/vector-stores/me"
	// VectorStoreDocumentsPath is the pattern of a vector store's
	// documents list.
	VectorStoreDocumentsPath = "/api/v1/vector-stores/{id}/documents/"
	// VectorStoreDocumentPath is the pattern of one vector store document
	// (GET, DELETE).
	VectorStoreDocumentPath = "/api/v1/vector-stores/{id}/documents/{doc}/"
	// VectorStoreTextPath is the pattern of the endpoint that adds a text
	// document to a vector store.
	VectorStoreTextPath = "/api/v1/vector-stores/{id}/documents/create"
	// VectorStoreUploadPath is the pattern of a vector store's file
	// upload endpoint.
	VectorStoreUploadPath = "/api/v1/vector-stores/{id}/documents/upload"
	// VectorStoreSearchPath is the pattern of a vector store's search
	// endpoint.
	VectorStoreSearchPath = "/api/v1/vector-stores/{id}/documents/search"
)

// apiHandler serves one API endpoint for an authenticated caller; id is
// the path's {id} ("{id}/{doc}" for paths with both), "" for fixed paths.
type apiHandler func(s *Server, w http.ResponseWriter, r *http.Request, p principal, id string)

// authKind is how an endpoint authenticates its caller.
type authKind int

const (
	// userAuth accepts a bearer access token or a user's API key.
	userAuth authKind = iota
	// storeKeyAuth accepts a vector store's API key only.
	storeKeyAuth
)

// apiEndpoint is one API endpoint: its methods, handler and
// authentication.
type apiEndpoint struct {
	methods []string
	handle  apiHandler
	auth    authKind
}

// apiEndpoints are the endpoints served by routeAPI, by path pattern. It
// is never written to.
var apiEndpoints = map[string]apiEndpoint{
	ProfilePath:              {[]string{http.MethodGet}, (*Server).handleProfile, userAuth},
	IntegrationsPath:         {[]string{http.MethodGet}, (*Server).handleIntegrations, userAuth},
	DocumentsPath:            {[]string{http.MethodGet}, (*Server).handleDocuments, userAuth},
	SearchPath:               {[]string{http.MethodGet}, (*Server).handleSearch, userAuth},
	AgenticSearchPath:        {[]string{http.MethodPost}, (*Server).handleAgenticSearch, userAuth},
	MemorizePath:             {[]string{http.MethodPost}, (*Server).handleMemorize, userAuth},
	ContentsPath:             {[]string{http.MethodGet}, (*Server).handleContents, userAuth},
	DiscussionPath:           {[]string{http.MethodGet}, (*Server).handleDiscussion, userAuth},
	MementoPath:              {[]string{http.MethodGet, http.MethodPatch, http.MethodDelete}, (*Server).handleMemento, userAuth},
	MementoDocumentsPath:     {[]string{http.MethodPost}, (*Server).handleMementoDocuments, userAuth},
	CommonKnowledgePath:      {[]string{http.MethodGet}, (*Server).handleCommonKnowledge, userAuth},
	BatchSearchPath:          {[]string{http.MethodPost}, (*Server).handleBatchSearch, userAuth},
	UploadPath:               {[]string{http.MethodPost}, (*Server).handleUpload, userAuth},
	BatchUploadPath:          {[]string{http.MethodPost}, (*Server).handleBatchUpload, userAuth},
	VectorStoresPath:         {[]string{http.MethodGet, http.MethodPost}, (*Server).handleVectorStores, userAuth},
	VectorStorePath:          {[]string{http.MethodGet, http.MethodPatch, http.MethodDelete}, (*Server).handleVectorStore, userAuth},
	CurrentVectorStorePath:   {[]string{http.MethodGet}, (*Server).handleCurrentVectorStore, storeKeyAuth},
	VectorStoreDocumentsPath: {[]string{http.MethodGet}, (*Server).handleVectorStoreDocuments, storeKeyAuth},
	VectorStoreDocumentPath:  {[]string{http.MethodGet, http.MethodDelete}, (*Server).handleVectorStoreDocument, storeKeyAuth},
	VectorStoreTextPath:      {[]string{http.MethodPost}, (*Server).handleVectorStoreText, storeKeyAuth},
	VectorStoreUploadPath:    {[]string{http.MethodPost}, (*Server).handleVectorStoreUpload, storeKeyAuth},
	VectorStoreSearchPath:    {[]string{http.MethodGet}, (*Server).handleVectorStoreSearch, storeKeyAuth},
}

// Route is one API endpoint the fake serves: an HTTP method and a path
// pattern (one of the *Path constants).
type Route struct {
	Method string
	Path   string
}

// Routes returns every API route the fake serves, the account and
// mementos list included, sorted by path then method. It is the fake's
// route table, which the client's coverage is checked against.
func Routes() []Route {
	out := []Route{{http.MethodGet, AccountPath}, {http.MethodGet, MementosPath}, {http.MethodPost, MementosPath}}
	for p, ep := range apiEndpoints {
		for _, m := range ep.methods {
			out = append(out, Route{m, p})
		}
	}
	slices.SortFunc(out, func(a, b Route) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return strings.Compare(a.Method, b.Method)
	})
	return out
}

// matchAPI returns the endpoint pattern path matches and its {id} (and
// "{id}/{doc}" for a pattern with both). A pattern with more literal
// segments wins over one with fewer.
func matchAPI(path string) (pattern, id string, ok bool) {
	switch path {
	case AccountPath, MementosPath:
		return path, "", true
	}
	if _, ok := apiEndpoints[path]; ok {
		return path, "", true
	}
	segs := strings.Split(path, "/")
	best := -1
	for p := range apiEndpoints {
		ids, literal, matched := matchSegments(strings.Split(p, "/"), segs)
		if matched && literal > best {
			best, pattern, id, ok = literal, p, strings.Join(ids, "/"), true
		}
	}
	return pattern, id, ok
}

// matchSegments matches a path's segments against a pattern's: "{id}"
// and "{doc}" match one non-empty segment, others themselves. It returns
// the segments the placeholders matched and how many literal segments
// matched.
func matchSegments(pattern, segs []string) (ids []string, literal int, ok bool) {
	if len(pattern) != len(segs) {
		return nil, 0, false
	}
	for i, ps := range pattern {
		switch {
		case ps == "{id}" || ps == "{doc}":
			if segs[i] == "" {
				return nil, 0, false
			}
			ids = append(ids, segs[i])
		case ps == segs[i]:
			literal++
		default:
			return nil, 0, false
		}
	}
	return ids, literal, true
}

// routeAPI serves the API paths the exact-path router does not know. A
// known path without its trailing slash gets what Django's APPEND_SLASH
// gives: a 301 to the slashed path for GET and HEAD, a 500 for other
// methods (Django cannot redirect a POST without losing its body).
func (s *Server) routeAPI(w http.ResponseWriter, r *http.Request) {
	pattern, id, ok := matchAPI(r.URL.Path)
	if !ok {
		if _, _, slashed := matchAPI(r.URL.Path + "/"); slashed && !strings.HasSuffix(r.URL.Path, "/") {
			appendSlash(w, r)
			return
		}
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	ep, ok := apiEndpoints[pattern]
	if !ok { // the account and mementos paths, reached without their slash handled above
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	s.mu.Lock()
	f, faulted := s.countAPICall(pattern)
	s.mu.Unlock()
	if faulted && s.serveFault(w, r, f) {
		return
	}
	if !methodAllowed(r.Method, ep.methods) {
		methodNotAllowed(w, r, ep.methods...)
		return
	}
	var p principal
	if ep.auth == storeKeyAuth {
		p, ok = s.authenticateStoreKey(w, r, pattern, id)
	} else {
		p, ok = s.authenticateAPI(w, r)
	}
	if !ok {
		return
	}
	ep.handle(s, w, r, p, id)
}

// methodAllowed reports whether method is one of allowed (HEAD goes with
// GET).
func methodAllowed(method string, allowed []string) bool {
	for _, m := range allowed {
		if method == m || (method == http.MethodHead && m == http.MethodGet) {
			return true
		}
	}
	return false
}

// appendSlash answers a request for a known path missing its slash.
func appendSlash(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		target := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		w.Header().Set("Location", target)
		w.WriteHeader(http.StatusMovedPermanently)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write([]byte("RuntimeError: You called this URL via " + r.Method +
		", but the URL doesn't end in a slash and you have APPEND_SLASH set.\n"))
}

// principal is who an API request acts for.
type principal struct {
	userID string
	// mementoIDs are the mementos the app may see; nil with an API key,
	// which sees them all.
	mementoIDs []int
	apiKey     bool
	// vectorStore is the vector store whose key the request carries, on
	// the endpoints that take one.
	vectorStore string
}

// authenticateAPI accepts an x-api-key header the server issued (see
// [Server.IssueAPIKey]) or a bearer access token. On failure it answers
// 401 and reports false.
func (s *Server) authenticateAPI(w http.ResponseWriter, r *http.Request) (principal, bool) {
	if key := r.Header.Get("X-Api-Key"); key != "" {
		s.mu.Lock()
		userID, ok := s.apiState().keys[key]
		s.mu.Unlock()
		if !ok {
			unauthorized(w, "Invalid API key.")
			return principal{}, false
		}
		return principal{userID: userID, apiKey: true}, true
	}
	g, ok := s.authenticate(w, r)
	if !ok {
		return principal{}, false
	}
	return principal{userID: g.userID, mementoIDs: g.mementoIDs}, true
}
