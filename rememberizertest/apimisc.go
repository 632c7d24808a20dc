package rememberizertest

import (
	"encoding/json"
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
// grant shares (all of them with an API key), as the user renamed them
// and without those the user deleted, and those the user created.
func (s *Server) visibleMementos(p principal) []Memento {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.corpusOf(p.userID)
	var out []Memento
	for _, m := range s.cfg.Mementos {
		if (p.apiKey || slices.Contains(p.mementoIDs, m.ID)) && !c.deleted[m.ID] {
			if name, ok := c.renamed[m.ID]; ok {
				m.Name = name
			}
			out = append(out, m)
		}
	}
	return append(out, c.mementos...)
}

// visibleMemento returns the memento id p may see.
func (s *Server) visibleMemento(p principal, id string) (Memento, bool) {
	n, err := strconv.Atoi(id)
	if err != nil {
		return Memento{}, false
	}
	for _, m := range s.visibleMementos(p) {
		if m.ID == n {
			return m, true
		}
	}
	return Memento{}, false
}

// mementoDetail renders memento m with the user's documents it holds.
func (s *Server) mementoDetail(userID string, m Memento) mementoDetail {
	out := mementoDetail{ID: m.ID, Name: m.Name, Documents: []documentJSON{}}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.corpusOf(userID).docs {
		if slices.Contains(d.MementoIDs, m.ID) {
			out.Documents = append(out.Documents, d.toJSON(false))
		}
	}
	return out
}

// handleMemento serves GET, PATCH (a JSON {"name"}) and DELETE
// /api/v1/mementos/{id}/ for a memento the caller may see.
func (s *Server) handleMemento(w http.ResponseWriter, r *http.Request, p principal, id string) {
	var in struct {
		Name string `json:"name"`
	}
	if r.Method == http.MethodPatch {
		if !readJSON(w, r, &in) {
			return
		}
		if strings.TrimSpace(in.Name) == "" {
			writeJSON(w, http.StatusBadRequest, map[string][]string{"name": {"This field may not be blank."}})
			return
		}
	}
	m, ok := s.visibleMemento(p, id)
	if !ok {
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	switch r.Method {
	case http.MethodPatch:
		s.editMemento(p.userID, m.ID, func(c *corpus, i int) { c.mementos[i].Name = in.Name },
			func(c *corpus) { c.renamed[m.ID] = in.Name })
		m.Name = in.Name
	case http.MethodDelete:
		s.editMemento(p.userID, m.ID, func(c *corpus, i int) { c.mementos = slices.Delete(c.mementos, i, i+1) },
			func(c *corpus) { c.deleted[m.ID] = true })
		s.mu.Lock()
		for i := range s.corpusOf(p.userID).docs {
			d := &s.corpusOf(p.userID).docs[i]
			d.MementoIDs = slices.DeleteFunc(d.MementoIDs, func(x int) bool { return x == m.ID })
		}
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeJSON(w, http.StatusOK, s.mementoDetail(p.userID, m))
}

// editMemento applies own to the user's memento id when the user created
// it, else shared to the user's record of the configured mementos.
func (s *Server) editMemento(userID string, id int, own func(c *corpus, i int), shared func(c *corpus)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.corpusOf(userID)
	if i := slices.IndexFunc(c.mementos, func(m Memento) bool { return m.ID == id }); i >= 0 {
		own(c, i)
		return
	}
	if c.renamed == nil {
		c.renamed, c.deleted = map[int]string{}, map[int]bool{}
	}
	shared(c)
}

// handleMementoDocuments serves POST
// /api/v1/mementos/memento_document/{id}/ with a JSON {"memento", "add",
// "folder_add", "remove"}: document ids to add to the memento and to
// remove from it (the fake has no folders, so folder_add adds nothing).
func (s *Server) handleMementoDocuments(w http.ResponseWriter, r *http.Request, p principal, id string) {
	var in struct {
		Add       []json.RawMessage `json:"add"`
		FolderAdd []json.RawMessage `json:"folder_add"`
		Remove    []json.RawMessage `json:"remove"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	m, ok := s.visibleMemento(p, id)
	if !ok {
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	ids := func(ns []json.RawMessage) ([]int, bool) { // numbers or strings of digits
		var out []int
		for _, n := range ns {
			v, err := strconv.Atoi(strings.Trim(string(n), `"`))
			if err != nil {
				return nil, false
			}
			out = append(out, v)
		}
		return out, true
	}
	add, ok1 := ids(in.Add)
	remove, ok2 := ids(in.Remove)
	if !ok1 || !ok2 {
		writeJSON(w, http.StatusBadRequest, detail{Detail: "Document ids must be integers."})
		return
	}
	s.mu.Lock()
	for i := range s.corpusOf(p.userID).docs {
		d := &s.corpusOf(p.userID).docs[i]
		if slices.Contains(add, d.ID) && !slices.Contains(d.MementoIDs, m.ID) {
			d.MementoIDs = append(d.MementoIDs, m.ID)
		}
		if slices.Contains(remove, d.ID) {
			d.MementoIDs = slices.DeleteFunc(d.MementoIDs, func(x int) bool { return x == m.ID })
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.mementoDetail(p.userID, m))
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
