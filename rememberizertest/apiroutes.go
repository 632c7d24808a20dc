package rememberizertest

import (
	"net/http"
	"strings"
)

// Paths of the API endpoints beyond the account and mementos list, as
// keys for [Server.FailNext] and [Server.Calls]. "{id}" stands for the
// document, discussion or memento id.
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
	// MementoPath is the pattern of one memento.
	MementoPath = "/api/v1/mementos/{id}/"
	// CommonKnowledgePath is the path of the subscribed common knowledge.
	CommonKnowledgePath = "/api/v1/common-knowledge/subscribed-list/"
)

// apiHandler serves one API endpoint for an authenticated caller; id is
// the path's {id}, "" for fixed paths.
type apiHandler func(s *Server, w http.ResponseWriter, r *http.Request, p principal, id string)

// apiEndpoint is one API endpoint: its methods and handler.
type apiEndpoint struct {
	methods []string
	handle  apiHandler
}

// apiEndpoints are the endpoints served by routeAPI, by path pattern.
var apiEndpoints = map[string]apiEndpoint{
	ProfilePath:         {[]string{http.MethodGet}, (*Server).handleProfile},
	IntegrationsPath:    {[]string{http.MethodGet}, (*Server).handleIntegrations},
	DocumentsPath:       {[]string{http.MethodGet}, (*Server).handleDocuments},
	SearchPath:          {[]string{http.MethodGet}, (*Server).handleSearch},
	AgenticSearchPath:   {[]string{http.MethodPost}, (*Server).handleAgenticSearch},
	MemorizePath:        {[]string{http.MethodPost}, (*Server).handleMemorize},
	ContentsPath:        {[]string{http.MethodGet}, (*Server).handleContents},
	DiscussionPath:      {[]string{http.MethodGet}, (*Server).handleDiscussion},
	MementoPath:         {[]string{http.MethodGet}, (*Server).handleMemento},
	CommonKnowledgePath: {[]string{http.MethodGet}, (*Server).handleCommonKnowledge},
}

// matchAPI returns the endpoint pattern path matches and its {id}.
func matchAPI(path string) (pattern, id string, ok bool) {
	switch path {
	case AccountPath, MementosPath:
		return path, "", true
	}
	if _, ok := apiEndpoints[path]; ok {
		return path, "", true
	}
	for _, p := range []string{ContentsPath, DiscussionPath, MementoPath} {
		prefix, suffix, _ := strings.Cut(p, "{id}")
		if strings.HasPrefix(path, prefix) && strings.HasSuffix(path, suffix) && len(path) > len(prefix)+len(suffix) {
			id := path[len(prefix) : len(path)-len(suffix)]
			if !strings.Contains(id, "/") {
				return p, id, true
			}
		}
	}
	return "", "", false
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
	p, ok := s.authenticateAPI(w, r)
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
