package rememberizertest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// maxFormBytes caps the size of form bodies the fake reads.
const maxFormBytes = 1 << 20

// detail is an API error body in Django REST Framework style.
type detail struct {
	Detail string `json:"detail"`
}

// oauthError is a token-endpoint error body (RFC 6749 §5.2).
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

// writeJSON answers with status and v encoded as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "rememberizertest: encoding the response failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// methodNotAllowed answers 405 listing the allowed methods.
func methodNotAllowed(w http.ResponseWriter, r *http.Request, allowed ...string) {
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	writeJSON(w, http.StatusMethodNotAllowed, detail{Detail: `Method "` + r.Method + `" not allowed.`})
}
