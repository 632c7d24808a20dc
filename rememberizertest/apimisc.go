package rememberizertest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// handleProfile serves GET /api/v1/me/: the extended profile.
func (s *Server) handleProfile(w http.ResponseWriter, _ *http.Request, p principal, _ string) {
	u, _ := s.user(p.userID)
	s.mu.Lock()
	docs := len(s.corpusOf(p.userID).docs)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"id":             jsonID(u.ID),
		"email":          u.Email,
		"name":           u.Name,
		"email_verified": true,
		"team":           map[string]any{"id": 1, "name": u.Name + "'s team", "role": "owner"},
		"quota":          map[string]any{"documents": 10000, "documents_used": docs},
	})
}

// handleIntegrations serves GET /api/v1/integrations/: one integration
// per kind of source in the user's documents.
func (s *Server) handleIntegrations(w http.ResponseWriter, _ *http.Request, p principal, _ string) {
	type stats struct {
		Status struct {
			Indexed  int `json:"indexed"`
			Indexing int `json:"indexing"`
			Error    int `json:"error"`
		} `json:"status"`
		TotalSize     int `json:"total_size"`
		DocumentCount int `json:"document_count"`
	}
	type integration struct {
		ID            int    `json:"id"`
		Type          string `json:"integration_type"`
		Step          string `json:"integration_step"`
		Source        string `json:"source"`
		DocumentType  string `json:"document_type"`
		DocumentStats stats  `json:"document_stats"`
		ConsentTime   string `json:"consent_time"`
		MemoryConfig  any    `json:"memory_config"`
		TokenValidity bool   `json:"token_validity"`
	}
	s.mu.Lock()
	docs := copyDocuments(s.corpusOf(p.userID).docs)
	s.mu.Unlock()
	byType := map[string]*integration{}
	var order []string
	for _, d := range docs {
		in, ok := byType[d.IntegrationType]
		if !ok {
			info := integrationInfo[d.IntegrationType]
			in = &integration{ID: info.id, Type: d.IntegrationType, Step: "done", Source: info.source,
				DocumentType: info.kind, ConsentTime: "2026-01-01T09:00:00Z", TokenValidity: true}
			byType[d.IntegrationType] = in
			order = append(order, d.IntegrationType)
		}
		in.DocumentStats.Status.Indexed++
		in.DocumentStats.DocumentCount++
		in.DocumentStats.TotalSize += d.toJSON(false).Size
	}
	data := []integration{}
	for _, t := range order {
		data = append(data, *byType[t])
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "message": "Success", "code": "success"})
}

// handleCommonKnowledge serves GET
// /api/v1/common-knowledge/subscribed-list/: two fixed subscriptions.
func (s *Server) handleCommonKnowledge(w http.ResponseWriter, _ *http.Request, _ principal, _ string) {
	writeJSON(w, http.StatusOK, []map[string]any{
		{"id": 7, "name": "Go proverbs", "description": "Short sayings about Go.", "publisher_name": "Gopher Press",
			"num_of_subscribers": 120, "document_ids": []int{701, 702}},
		{"id": 8, "name": "OAuth 2.0 notes", "description": "RFC 6749 and friends, summarised.", "publisher_name": "Auth Weekly",
			"num_of_subscribers": 45, "document_ids": []int{801}},
	})
}

// mementoDetail is one memento with its documents.
type mementoDetail struct {
	ID        int            `json:"id"`
	Name      string         `json:"name"`
	Documents []documentJSON `json:"documents"`
}

// visibleMementos returns the mementos p may see: the configured ones the
// grant shares (all of them with an API key) and those the user created.
func (s *Server) visibleMementos(p principal) []Memento {
	var out []Memento
	for _, m := range s.cfg.Mementos {
		if p.apiKey || slices.Contains(p.mementoIDs, m.ID) {
			out = append(out, m)
		}
	}
	s.mu.Lock()
	out = append(out, s.corpusOf(p.userID).mementos...)
	s.mu.Unlock()
	return out
}

// handleMemento serves GET /api/v1/mementos/{id}/: one memento the caller
// may see, with its documents.
func (s *Server) handleMemento(w http.ResponseWriter, _ *http.Request, p principal, id string) {
	n, err := strconv.Atoi(id)
	if err == nil {
		for _, m := range s.visibleMementos(p) {
			if m.ID != n {
				continue
			}
			out := mementoDetail{ID: m.ID, Name: m.Name, Documents: []documentJSON{}}
			s.mu.Lock()
			for _, d := range s.corpusOf(p.userID).docs {
				if slices.Contains(d.MementoIDs, m.ID) {
					out.Documents = append(out.Documents, d.toJSON(false))
				}
			}
			s.mu.Unlock()
			writeJSON(w, http.StatusOK, out)
			return
		}
	}
	writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
}

// createMemento serves POST /api/v1/mementos/ with a JSON {"name"}: a new,
// empty memento of the user's.
func (s *Server) createMemento(w http.ResponseWriter, r *http.Request, p principal) {
	var in struct {
		Name string `json:"name"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	if strings.TrimSpace(in.Name) == "" {
		writeJSON(w, http.StatusBadRequest, map[string][]string{"name": {"This field is required."}})
		return
	}
	s.mu.Lock()
	st := s.apiState()
	m := Memento{ID: st.nextMemento, Name: in.Name}
	st.nextMemento++
	c := s.corpusOf(p.userID)
	c.mementos = append(c.mementos, m)
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, mementoDetail{ID: m.ID, Name: m.Name, Documents: []documentJSON{}})
}
