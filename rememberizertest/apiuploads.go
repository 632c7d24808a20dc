package rememberizertest

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// Upload limits: the largest file the fake stores, and the largest
// request body it reads.
const (
	// MaxUploadBytes is the largest file the upload endpoints accept; a
	// larger one is answered 413.
	MaxUploadBytes = 32 << 20
	maxUploadBody  = 2*MaxUploadBytes + 1<<20
)

// uploadedFile is one file of a multipart request.
type uploadedFile struct {
	name    string
	content []byte
}

// uploadFailure is a file an upload refused, and why.
type uploadFailure struct {
	Name  string `json:"name"`
	Error string `json:"error"`
}

// readUploads reads the files of a multipart/form-data request sent in
// parts named field. On a bad request (not multipart, cut short, a file
// over [MaxUploadBytes], no file) it answers and reports false, having
// kept nothing.
func readUploads(w http.ResponseWriter, r *http.Request, field string) ([]uploadedFile, bool) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		writeJSON(w, http.StatusUnsupportedMediaType, detail{Detail: `Unsupported media type "` + ct + `" in request.`})
		return nil, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBody)
	mr, err := r.MultipartReader()
	if err != nil {
		writeJSON(w, http.StatusBadRequest, detail{Detail: "Multipart form parse error."})
		return nil, false
	}
	var files []uploadedFile
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			writeJSON(w, http.StatusBadRequest, detail{Detail: "Multipart form parse error."})
			return nil, false
		}
		if part.FormName() != field || part.FileName() == "" {
			_, _ = io.Copy(io.Discard, part)
			continue
		}
		content, err := io.ReadAll(io.LimitReader(part, MaxUploadBytes+1))
		if err == nil && len(content) > MaxUploadBytes {
			writeJSON(w, http.StatusRequestEntityTooLarge, detail{Detail: "File too large."})
			return nil, false
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeJSON(w, http.StatusRequestEntityTooLarge, detail{Detail: "Request too large."})
			} else {
				writeJSON(w, http.StatusBadRequest, detail{Detail: "Multipart form parse error."})
			}
			return nil, false
		}
		files = append(files, uploadedFile{name: part.FileName(), content: content})
	}
	if len(files) == 0 {
		writeJSON(w, http.StatusBadRequest, map[string][]string{field: {"No file was submitted."}})
		return nil, false
	}
	return files, true
}

// addUpload stores an uploaded file as a document of the user's.
func (s *Server) addUpload(userID string, f uploadedFile) Document {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.apiState()
	d := Document{ID: st.nextDocID, Name: f.name, IntegrationType: IntegrationUpload,
		Chunks: splitChunks(string(f.content)), Created: s.now().UTC().Truncate(time.Second)}
	st.nextDocID++
	c := s.corpusOf(userID)
	c.docs = append(c.docs, d)
	return d
}

// handleUpload serves POST /api/v1/documents/upload/: one multipart
// "file", stored as a document of the user's. An empty file is refused
// (400), as Django refuses one.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	files, ok := readUploads(w, r, "file")
	if !ok {
		return
	}
	if len(files) != 1 {
		writeJSON(w, http.StatusBadRequest, map[string][]string{"file": {"Send one file; use batch-upload/ for more."}})
		return
	}
	if len(files[0].content) == 0 {
		writeJSON(w, http.StatusBadRequest, map[string][]string{"file": {"The submitted file is empty."}})
		return
	}
	writeJSON(w, http.StatusCreated, s.addUpload(p.userID, files[0]).toJSON(false))
}

// handleBatchUpload serves POST /api/v1/documents/batch-upload/:
// multipart "files", each stored as a document. It answers 201 with
// {"documents", "errors"}, or 207 when some files (empty ones) were
// refused.
func (s *Server) handleBatchUpload(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	files, ok := readUploads(w, r, "files")
	if !ok {
		return
	}
	docs := []documentJSON{}
	failed := []uploadFailure{}
	for _, f := range files {
		if len(f.content) == 0 {
			failed = append(failed, uploadFailure{f.name, "The submitted file is empty."})
			continue
		}
		docs = append(docs, s.addUpload(p.userID, f).toJSON(false))
	}
	status := http.StatusCreated
	if len(failed) > 0 {
		status = http.StatusMultiStatus
	}
	writeJSON(w, status, map[string]any{"documents": docs, "errors": failed})
}

// maxBatchQueries is the most queries one batch search takes.
const maxBatchQueries = 20

// handleBatchSearch serves POST /api/v1/documents/batch-search/ with a
// JSON {"queries": [...], "n"}: one search per query, answered as
// {"results": [...]} in the queries' order.
func (s *Server) handleBatchSearch(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	var in struct {
		Queries []string `json:"queries"`
		N       *int     `json:"n"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	n := defaultSearchResults
	if in.N != nil {
		n = *in.N
	}
	switch {
	case len(in.Queries) == 0:
		writeJSON(w, http.StatusBadRequest, map[string][]string{"queries": {"This field is required."}})
		return
	case len(in.Queries) > maxBatchQueries:
		writeJSON(w, http.StatusBadRequest, map[string][]string{"queries": {"At most 20 queries."}})
		return
	case n < 0:
		writeJSON(w, http.StatusBadRequest, map[string][]string{"n": {"Must be positive."}})
		return
	}
	results := []json.RawMessage{}
	for _, q := range in.Queries {
		if strings.TrimSpace(q) == "" {
			writeJSON(w, http.StatusBadRequest, map[string][]string{"queries": {"A query may not be blank."}})
			return
		}
		b, _ := json.Marshal(s.search(p.userID, searchQuery{text: q, n: n}))
		results = append(results, b)
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results})
}
