package rememberizertest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// accountResponse is the body of GET /api/v1/account/.
type accountResponse struct {
	ID    any    `json:"id"` // json.Number or string
	Email string `json:"email"`
	Name  string `json:"name"`
}

// mementoJSON is one memento in GET /api/v1/mementos/.
type mementoJSON struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// page is a Django REST Framework paginated list.
type page[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// handleAccount serves GET /api/v1/account/: who is signed in.
func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.accountCalls++
	f, faulted := popFault(&s.acctFaults)
	s.mu.Unlock()
	if !s.admit(w, r, f, faulted, http.MethodGet) {
		return
	}
	p, ok := s.authenticateAPI(w, r)
	if !ok {
		return
	}
	u, _ := s.user(p.userID)
	writeJSON(w, http.StatusOK, accountResponse{ID: jsonID(u.ID), Email: u.Email, Name: u.Name})
}

// handleMementos serves GET /api/v1/mementos/, the mementos the user
// shared with the app when approving it (all of them with an API key) and
// those created through the API, and POST /api/v1/mementos/, which creates
// one.
func (s *Server) handleMementos(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, faulted := s.countAPICall(MementosPath)
	s.mu.Unlock()
	if !s.admit(w, r, f, faulted, http.MethodGet, http.MethodPost) {
		return
	}
	p, ok := s.authenticateAPI(w, r)
	if !ok {
		return
	}
	if r.Method == http.MethodPost {
		s.createMemento(w, r, p)
		return
	}
	results := []mementoJSON{}
	for _, m := range s.visibleMementos(p) {
		results = append(results, mementoJSON(m))
	}
	writeJSON(w, http.StatusOK, page[mementoJSON]{Count: len(results), Results: results})
}

// authenticate checks the request's bearer token. On failure it answers 401
// and reports false. The returned grant is a snapshot safe to read without
// the lock.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (grant, bool) {
	scheme, tok, found := strings.Cut(r.Header.Get("Authorization"), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		unauthorized(w, "Authentication credentials were not provided.")
		return grant{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.liveAccess(strings.TrimSpace(tok))
	if !ok {
		unauthorized(w, "Invalid token.")
		return grant{}, false
	}
	return grant{userID: g.userID, clientID: g.clientID, scope: g.scope, mementoIDs: g.mementoIDs}, true
}

// unauthorized answers 401 in Django REST Framework style.
func unauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	writeJSON(w, http.StatusUnauthorized, detail{Detail: msg})
}

// jsonID renders a user id as a JSON number when it is a valid JSON integer
// made of digits, else as a JSON string.
func jsonID(id string) any {
	if id == "" || (len(id) > 1 && id[0] == '0') {
		return id
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return id
		}
	}
	return json.Number(id)
}
