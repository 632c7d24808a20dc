package rememberizertest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// vectorStore is one vector store: its owner, settings and documents.
type vectorStore struct {
	id, owner         string
	name, description string
	model, algorithm  string
	metric            string
	dimension         int
	created, modified time.Time
	docs              []Document
}

// vectorStoreJSON is a vector store as the API shows it.
type vectorStoreJSON struct {
	ID                string `json:"id"`
	Name              string `json:"name"`
	Description       string `json:"description"`
	EmbeddingModel    string `json:"embedding_model"`
	IndexingAlgorithm string `json:"indexing_algorithm"`
	SearchMetric      string `json:"search_metric"`
	VectorDimension   int    `json:"vector_dimension"`
	Created           string `json:"created"`
	Modified          string `json:"modified"`
}

func (v *vectorStore) toJSON() vectorStoreJSON {
	return vectorStoreJSON{ID: v.id, Name: v.name, Description: v.description, EmbeddingModel: v.model,
		IndexingAlgorithm: v.algorithm, SearchMetric: v.metric, VectorDimension: v.dimension,
		Created: v.created.Format(time.RFC3339), Modified: v.modified.Format(time.RFC3339)}
}

// vectorDocJSON is a vector store document as the API shows it.
type vectorDocJSON struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Size     int    `json:"size"`
	Status   string `json:"status"`
	Created  string `json:"created"`
	Modified string `json:"modified"`
}

func vectorDoc(d Document) vectorDocJSON {
	size := 0
	for _, c := range d.Chunks {
		size += len(c)
	}
	t := d.Created.Format(time.RFC3339)
	return vectorDocJSON{ID: d.ID, Name: d.Name, Type: "text/plain", Size: size, Status: "indexed", Created: t, Modified: t}
}

// IssueVectorStoreKey returns a new API key for vector store id, which
// authenticates the vector store endpoints (its documents and search, and
// [CurrentVectorStorePath]) for that store only. Create stores through
// the API ([VectorStoresPath]). It returns an error for an unknown store.
func (s *Server) IssueVectorStoreKey(id string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.apiState()
	if _, ok := st.vectorStores[id]; !ok {
		return "", fmt.Errorf("rememberizertest: unknown vector store %q", id)
	}
	key := "vs-key-" + randomString(24)
	st.storeKeys[key] = id
	return key, nil
}

// authenticateStoreKey accepts an x-api-key header carrying a vector
// store's key; on the endpoints whose path names a store, the key must be
// that store's (else 404, as for a store that does not exist). On failure
// it answers and reports false.
func (s *Server) authenticateStoreKey(w http.ResponseWriter, r *http.Request, pattern, id string) (principal, bool) {
	key := r.Header.Get("X-Api-Key")
	if key == "" {
		unauthorized(w, "Authentication credentials were not provided.")
		return principal{}, false
	}
	s.mu.Lock()
	st := s.apiState()
	storeID, ok := st.storeKeys[key]
	var owner string
	if ok {
		owner = st.vectorStores[storeID].owner
	}
	s.mu.Unlock()
	if !ok {
		unauthorized(w, "Invalid API key.")
		return principal{}, false
	}
	if pattern != CurrentVectorStorePath {
		if named, _, _ := strings.Cut(id, "/"); named != storeID {
			writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
			return principal{}, false
		}
	}
	return principal{userID: owner, vectorStore: storeID}, true
}

// handleVectorStores serves GET /api/v1/vector-stores/ (the user's
// stores, paginated) and POST (a JSON {"name", "description",
// "embedding_model", "indexing_algorithm", "search_metric",
// "vector_dimension"} creates one).
func (s *Server) handleVectorStores(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	if r.Method == http.MethodPost {
		s.createVectorStore(w, r, p)
		return
	}
	s.mu.Lock()
	st := s.apiState()
	results := []vectorStoreJSON{}
	for _, id := range st.storeOrder {
		if v := st.vectorStores[id]; v.owner == p.userID {
			results = append(results, v.toJSON())
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, page[vectorStoreJSON]{Count: len(results), Results: results})
}

// createVectorStore creates a vector store of the user's.
func (s *Server) createVectorStore(w http.ResponseWriter, r *http.Request, p principal) {
	var in struct {
		Name              string `json:"name"`
		Description       string `json:"description"`
		EmbeddingModel    string `json:"embedding_model"`
		IndexingAlgorithm string `json:"indexing_algorithm"`
		SearchMetric      string `json:"search_metric"`
		VectorDimension   int    `json:"vector_dimension"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	bad := map[string][]string{}
	if strings.TrimSpace(in.Name) == "" {
		bad["name"] = []string{"This field is required."}
	}
	if in.IndexingAlgorithm != "" && !slices.Contains([]string{"ivfflat", "hnsw"}, in.IndexingAlgorithm) {
		bad["indexing_algorithm"] = []string{`"` + in.IndexingAlgorithm + `" is not a valid choice.`}
	}
	if in.SearchMetric != "" && !slices.Contains([]string{"cosine", "ip", "l2"}, in.SearchMetric) {
		bad["search_metric"] = []string{`"` + in.SearchMetric + `" is not a valid choice.`}
	}
	if len(bad) > 0 {
		writeJSON(w, http.StatusBadRequest, bad)
		return
	}
	v := &vectorStore{owner: p.userID, name: in.Name, description: in.Description,
		model: in.EmbeddingModel, algorithm: in.IndexingAlgorithm, metric: in.SearchMetric, dimension: in.VectorDimension}
	if v.model == "" {
		v.model = "openai/text-embedding-3-small"
	}
	if v.algorithm == "" {
		v.algorithm = "ivfflat"
	}
	if v.metric == "" {
		v.metric = "cosine"
	}
	if v.dimension == 0 {
		v.dimension = 1536
	}
	s.mu.Lock()
	st := s.apiState()
	v.id = "vs_" + strconv.Itoa(st.nextStore)
	st.nextStore++
	v.created = s.now().UTC().Truncate(time.Second)
	v.modified = v.created
	st.vectorStores[v.id] = v
	st.storeOrder = append(st.storeOrder, v.id)
	out := v.toJSON()
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, out)
}

// ownStore returns the user's vector store id. The caller holds s.mu.
func (s *Server) ownStore(userID, id string) (*vectorStore, bool) {
	v, ok := s.apiState().vectorStores[id]
	if !ok || v.owner != userID {
		return nil, false
	}
	return v, true
}

// handleVectorStore serves GET, PATCH (a JSON {"name", "description"})
// and DELETE /api/v1/vector-stores/{id}/ for the user's stores.
func (s *Server) handleVectorStore(w http.ResponseWriter, r *http.Request, p principal, id string) {
	var in struct {
		Name        *string `json:"name"`
		Description *string `json:"description"`
	}
	if r.Method == http.MethodPatch && !readJSON(w, r, &in) {
		return
	}
	s.mu.Lock()
	v, ok := s.ownStore(p.userID, id)
	if !ok {
		s.mu.Unlock()
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	switch r.Method {
	case http.MethodDelete:
		st := s.apiState()
		delete(st.vectorStores, id)
		st.storeOrder = slices.DeleteFunc(st.storeOrder, func(x string) bool { return x == id })
		for k, sid := range st.storeKeys {
			if sid == id {
				delete(st.storeKeys, k)
			}
		}
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	case http.MethodPatch:
		if in.Name != nil && strings.TrimSpace(*in.Name) == "" {
			s.mu.Unlock()
			writeJSON(w, http.StatusBadRequest, map[string][]string{"name": {"This field may not be blank."}})
			return
		}
		if in.Name != nil {
			v.name = *in.Name
		}
		if in.Description != nil {
			v.description = *in.Description
		}
		v.modified = s.now().UTC().Truncate(time.Second)
	}
	out := v.toJSON()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// handleCurrentVectorStore serves GET /api/v1/vector-stores/me: the store
// whose key the request carries.
func (s *Server) handleCurrentVectorStore(w http.ResponseWriter, _ *http.Request, p principal, _ string) {
	s.mu.Lock()
	v, ok := s.apiState().vectorStores[p.vectorStore]
	var out vectorStoreJSON
	if ok {
		out = v.toJSON()
	}
	s.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// handleVectorStoreDocuments serves GET
// /api/v1/vector-stores/{id}/documents/, paginated like the documents
// list (page, page_size).
func (s *Server) handleVectorStoreDocuments(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	q := r.URL.Query()
	pageNum, err1 := intParam(q, "page", 1)
	size, err2 := intParam(q, "page_size", defaultPageSize)
	if err1 != nil || err2 != nil || pageNum < 1 || size < 1 {
		writeJSON(w, http.StatusNotFound, detail{Detail: "Invalid page."})
		return
	}
	size = min(size, 1000)
	s.mu.Lock()
	var docs []vectorDocJSON
	if v, ok := s.apiState().vectorStores[p.vectorStore]; ok {
		for _, d := range v.docs {
			docs = append(docs, vectorDoc(d))
		}
	}
	s.mu.Unlock()
	start := (pageNum - 1) * size
	if start > 0 && start >= len(docs) {
		writeJSON(w, http.StatusNotFound, detail{Detail: "Invalid page."})
		return
	}
	end := min(start+size, len(docs))
	body := page[vectorDocJSON]{Count: len(docs), Results: append([]vectorDocJSON{}, docs[start:end]...)}
	if end < len(docs) {
		lq := q
		lq.Set("page", strconv.Itoa(pageNum+1))
		u := absoluteURL(r, r.URL.Path) + "?" + lq.Encode()
		body.Next = &u
	}
	writeJSON(w, http.StatusOK, body)
}

// handleVectorStoreDocument serves GET and DELETE
// /api/v1/vector-stores/{id}/documents/{doc}/.
func (s *Server) handleVectorStoreDocument(w http.ResponseWriter, r *http.Request, p principal, ids string) {
	_, docID, _ := strings.Cut(ids, "/")
	n, err := strconv.Atoi(docID)
	s.mu.Lock()
	v, ok := s.apiState().vectorStores[p.vectorStore]
	i := -1
	if ok && err == nil {
		i = slices.IndexFunc(v.docs, func(d Document) bool { return d.ID == n })
	}
	if i < 0 {
		s.mu.Unlock()
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	if r.Method == http.MethodDelete {
		v.docs = slices.Delete(v.docs, i, i+1)
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	out := vectorDoc(v.docs[i])
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// handleVectorStoreText serves POST
// /api/v1/vector-stores/{id}/documents/create with a JSON {"text",
// "document_name"}.
func (s *Server) handleVectorStoreText(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	var in struct {
		Text string `json:"text"`
		Name string `json:"document_name"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	bad := map[string][]string{}
	if strings.TrimSpace(in.Text) == "" {
		bad["text"] = []string{"This field is required."}
	}
	if strings.TrimSpace(in.Name) == "" {
		bad["document_name"] = []string{"This field is required."}
	}
	if len(bad) > 0 {
		writeJSON(w, http.StatusBadRequest, bad)
		return
	}
	d, ok := s.addVectorDoc(p.vectorStore, in.Name, in.Text)
	if !ok {
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	writeJSON(w, http.StatusCreated, vectorDoc(d))
}

// addVectorDoc adds a document to vector store id.
func (s *Server) addVectorDoc(id, name, text string) (Document, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.apiState()
	v, ok := st.vectorStores[id]
	if !ok {
		return Document{}, false
	}
	d := Document{ID: st.nextDocID, Name: name, IntegrationType: "vector_store", Chunks: splitChunks(text),
		Created: s.now().UTC().Truncate(time.Second)}
	st.nextDocID++
	v.docs = append(v.docs, d)
	return d, true
}

// handleVectorStoreUpload serves POST
// /api/v1/vector-stores/{id}/documents/upload: multipart "files", each
// becoming a document. It answers 201 when all were stored, 207 when
// some were refused (empty files).
func (s *Server) handleVectorStoreUpload(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	files, ok := readUploads(w, r, "files")
	if !ok {
		return
	}
	docs := []vectorDocJSON{}
	failed := []uploadFailure{}
	for _, f := range files {
		if len(f.content) == 0 {
			failed = append(failed, uploadFailure{f.name, "The submitted file is empty."})
			continue
		}
		d, ok := s.addVectorDoc(p.vectorStore, f.name, string(f.content))
		if !ok {
			writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
			return
		}
		docs = append(docs, vectorDoc(d))
	}
	status := http.StatusCreated
	if len(failed) > 0 {
		status = http.StatusMultiStatus
	}
	writeJSON(w, status, map[string]any{"documents": docs, "errors": failed})
}

// handleVectorStoreSearch serves GET
// /api/v1/vector-stores/{id}/documents/search with q, n, t (the largest
// distance kept), prev_chunks and next_chunks.
func (s *Server) handleVectorStoreSearch(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	q := r.URL.Query()
	sq := searchQuery{text: q.Get("q")}
	var bad []string
	var err error
	if sq.n, err = intParam(q, "n", defaultSearchResults); err != nil || sq.n < 0 {
		bad = append(bad, "n")
	}
	if sq.prev, err = intParam(q, "prev_chunks", 0); err != nil || sq.prev < 0 {
		bad = append(bad, "prev_chunks")
	}
	if sq.next, err = intParam(q, "next_chunks", 0); err != nil || sq.next < 0 {
		bad = append(bad, "next_chunks")
	}
	threshold := 1.0
	if t := q.Get("t"); t != "" {
		if threshold, err = strconv.ParseFloat(t, 64); err != nil {
			bad = append(bad, "t")
		}
	}
	if strings.TrimSpace(sq.text) == "" {
		bad = append(bad, "q")
	}
	if len(bad) > 0 {
		writeJSON(w, http.StatusBadRequest, detail{Detail: "Invalid parameters: " + strings.Join(bad, ", ") + "."})
		return
	}
	s.mu.Lock()
	v, ok := s.apiState().vectorStores[p.vectorStore]
	var docs []Document
	var name string
	if ok {
		docs, name = copyDocuments(v.docs), v.name
	}
	s.mu.Unlock()
	type match struct {
		Document vectorDocJSON `json:"document"`
		Content  string        `json:"matched_content"`
		Distance float64       `json:"distance"`
	}
	out := struct {
		VectorStore struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"vector_store"`
		Matches []match `json:"matched_chunks"`
	}{Matches: []match{}}
	out.VectorStore.ID, out.VectorStore.Name = p.vectorStore, name
	byID := map[int]Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	for _, m := range searchDocs(docs, sq).MatchedChunks {
		if m.Distance <= threshold {
			out.Matches = append(out.Matches, match{vectorDoc(byID[m.Document.ID]), m.MatchedContent, m.Distance})
		}
	}
	writeJSON(w, http.StatusOK, out)
}
