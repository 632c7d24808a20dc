package rememberizertest

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// documentJSON is a document as the documents list and search show it.
type documentJSON struct {
	ID              int              `json:"id"`
	PK              int              `json:"pk"`
	DocumentID      string           `json:"document_id"`
	Name            string           `json:"name"`
	Type            string           `json:"type"`
	Path            string           `json:"path"`
	URL             string           `json:"url"`
	IntegrationType string           `json:"integration_type"`
	Source          string           `json:"source"`
	Status          string           `json:"status"`
	StatusError     *string          `json:"status_error_message"`
	IndexedOn       string           `json:"indexed_on"`
	CreatedTime     string           `json:"created_time"`
	ModifiedTime    string           `json:"modified_time"`
	Size            int              `json:"size"`
	Integration     *integrationLink `json:"integration,omitempty"`
}

// integrationLink is the integration a search match's document belongs to.
type integrationLink struct {
	ID   int    `json:"id"`
	Type string `json:"integration_type"`
}

// toJSON renders d; withIntegration adds the integration object search
// answers carry.
func (d Document) toJSON(withIntegration bool) documentJSON {
	info := integrationInfo[d.IntegrationType]
	size := 0
	for _, c := range d.Chunks {
		size += len(c)
	}
	j := documentJSON{
		ID:              d.ID,
		PK:              d.ID,
		DocumentID:      d.IntegrationType + "-" + strconv.Itoa(d.ID),
		Name:            d.Name,
		Type:            info.kind,
		Path:            "/" + d.Name,
		URL:             "https://files.example.com/" + d.IntegrationType + "/" + strconv.Itoa(d.ID),
		IntegrationType: d.IntegrationType,
		Source:          info.source,
		Status:          "indexed",
		IndexedOn:       d.Created.Add(time.Hour).Format(time.RFC3339),
		CreatedTime:     d.Created.Format(time.RFC3339),
		ModifiedTime:    d.Created.Format(time.RFC3339),
		Size:            size,
	}
	if withIntegration {
		j.Integration = &integrationLink{ID: info.id, Type: d.IntegrationType}
	}
	return j
}

// defaultPageSize is the documents list's page size without page_size.
const defaultPageSize = 10

// handleDocuments serves GET /api/v1/documents/: the user's documents,
// paginated in Django REST Framework style with absolute next and
// previous links.
func (s *Server) handleDocuments(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	q := r.URL.Query()
	pageNum, size := 1, defaultPageSize
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeJSON(w, http.StatusNotFound, detail{Detail: "Invalid page."})
			return
		}
		pageNum = n
	}
	if v := q.Get("page_size"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			size = min(n, 1000)
		}
	}
	kind := q.Get("integration_type")
	s.mu.Lock()
	var docs []documentJSON
	for _, d := range s.corpusOf(p.userID).docs {
		if kind == "" || d.IntegrationType == kind {
			docs = append(docs, d.toJSON(false))
		}
	}
	s.mu.Unlock()
	start := (pageNum - 1) * size
	if start > 0 && start >= len(docs) {
		writeJSON(w, http.StatusNotFound, detail{Detail: "Invalid page."})
		return
	}
	end := min(start+size, len(docs))
	body := page[documentJSON]{Count: len(docs), Results: append([]documentJSON{}, docs[start:end]...)}
	link := func(n int) *string {
		lq := url.Values{}
		for k, vs := range q {
			lq[k] = vs
		}
		lq.Set("page", strconv.Itoa(n))
		u := absoluteURL(r, DocumentsPath) + "?" + lq.Encode()
		return &u
	}
	if end < len(docs) {
		body.Next = link(pageNum + 1)
	}
	if pageNum > 1 {
		body.Previous = link(pageNum - 1)
	}
	writeJSON(w, http.StatusOK, body)
}

// absoluteURL is path on the origin r was sent to, as DRF builds links.
func absoluteURL(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// maxContentsBatch is the most chunks one contents request may ask for.
const maxContentsBatch = 20

// handleContents serves GET /api/v1/documents/{id}/contents/: chunks
// start_chunk (default 0) to end_chunk (default start+20, at most 20 at a
// time), each followed by a newline, and the end_chunk to continue from.
func (s *Server) handleContents(w http.ResponseWriter, r *http.Request, p principal, id string) {
	q := r.URL.Query()
	start, err1 := intParam(q, "start_chunk", 0)
	end, err2 := intParam(q, "end_chunk", start+maxContentsBatch)
	if err1 != nil || err2 != nil || start < 0 || end < start {
		writeJSON(w, http.StatusBadRequest, detail{Detail: "start_chunk and end_chunk must be integers with 0 <= start_chunk <= end_chunk."})
		return
	}
	if end-start > maxContentsBatch {
		writeJSON(w, http.StatusBadRequest, detail{Detail: "At most 20 chunks per request."})
		return
	}
	d, ok := s.findDocument(p.userID, id)
	if !ok {
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	end = min(end, len(d.Chunks))
	var b strings.Builder
	for i := start; i < end; i++ {
		b.WriteString(d.Chunks[i])
		b.WriteByte('\n')
	}
	writeJSON(w, http.StatusOK, struct {
		Content  string `json:"content"`
		EndChunk int    `json:"end_chunk"`
	}{b.String(), max(end, start)})
}

// handleDiscussion serves GET /api/v1/discussions/{id}/contents/ for a
// Slack document: its text and one thread.
func (s *Server) handleDiscussion(w http.ResponseWriter, r *http.Request, p principal, id string) {
	if r.URL.Query().Get("integration_type") != IntegrationSlack {
		writeJSON(w, http.StatusBadRequest, detail{Detail: "integration_type must be slack."})
		return
	}
	d, ok := s.findDocument(p.userID, id)
	if !ok || d.IntegrationType != IntegrationSlack {
		writeJSON(w, http.StatusNotFound, detail{Detail: "Not found."})
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Content string            `json:"discussion_content"`
		Threads map[string]string `json:"thread_contents"`
	}{strings.Join(d.Chunks, "\n"), map[string]string{"1700000000.000100": "Thread: " + d.Chunks[0]}})
}

// handleMemorize serves POST /api/v1/documents/memorize/: a JSON
// {"name", "content"} becomes a document of the user's, searchable at
// once.
func (s *Server) handleMemorize(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	var in struct {
		Name    string `json:"name"`
		Content string `json:"content"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	missing := map[string][]string{}
	if strings.TrimSpace(in.Name) == "" {
		missing["name"] = []string{"This field is required."}
	}
	if strings.TrimSpace(in.Content) == "" {
		missing["content"] = []string{"This field is required."}
	}
	if len(missing) > 0 {
		writeJSON(w, http.StatusBadRequest, missing)
		return
	}
	s.mu.Lock()
	st := s.apiState()
	d := Document{
		ID:              st.nextDocID,
		Name:            in.Name,
		IntegrationType: IntegrationMemory,
		Chunks:          splitChunks(in.Content),
		Created:         s.now().UTC().Truncate(time.Second),
	}
	st.nextDocID++
	c := s.corpusOf(p.userID)
	c.docs = append(c.docs, d)
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, d.toJSON(false))
}

// findDocument returns the user's document whose id is id.
func (s *Server) findDocument(userID, id string) (Document, bool) {
	n, err := strconv.Atoi(id)
	if err != nil {
		return Document{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.corpusOf(userID).docs {
		if d.ID == n {
			return d, true
		}
	}
	return Document{}, false
}

// intParam reads an integer query parameter, def when absent.
func intParam(q url.Values, key string, def int) (int, error) {
	v := q.Get(key)
	if v == "" {
		return def, nil
	}
	return strconv.Atoi(v)
}

// readJSON decodes a POST's JSON body into v, answering 415 or 400 and
// reporting false when it cannot.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, detail{Detail: `Unsupported media type "` + ct + `" in request.`})
		return false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxFormBytes))
	if err != nil || json.Unmarshal(body, v) != nil {
		writeJSON(w, http.StatusBadRequest, detail{Detail: "JSON parse error."})
		return false
	}
	return true
}
