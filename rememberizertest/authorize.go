package rememberizertest

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// authRequest holds the parameters of an authorization request.
type authRequest struct {
	clientID        string
	redirectURI     string
	responseType    string
	state           string
	scope           string // normalized: space-separated, single spaces
	challenge       string
	challengeMethod string
}

// authError is a validation failure reported to the client by redirect.
type authError struct {
	code        string
	description string
}

// handleAuthorize serves the authorization endpoint: GET starts a request,
// POST is the consent form's answer.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		s.authorizeGet(w, r)
	case http.MethodPost:
		s.authorizePost(w, r)
	default:
		methodNotAllowed(w, r, http.MethodGet, http.MethodPost)
	}
}

// authorizeGet validates the request, then approves at once as the current
// user or shows the consent page.
func (s *Server) authorizeGet(w http.ResponseWriter, r *http.Request) {
	req, ok := s.acceptAuthRequest(w, r, r.URL.Query(), http.StatusFound)
	if !ok {
		return
	}
	s.mu.Lock()
	userID := s.currentUser
	s.mu.Unlock()
	if s.cfg.ConsentPage {
		s.renderConsent(w, req, userID)
		return
	}
	code := s.issueCode(req, userID, s.allMementoIDs())
	redirectCode(w, r, req, code, http.StatusFound)
}

// acceptAuthRequest parses the authorization request in v and reports
// whether it is valid. If not, it has answered: with an error page when
// the client cannot be trusted with a redirect, else by redirecting the
// error to the client with status.
func (s *Server) acceptAuthRequest(w http.ResponseWriter, r *http.Request, v url.Values, status int) (authRequest, bool) {
	req, fatal, aerr := s.parseAuthRequest(v)
	if fatal != "" {
		errorPage(w, fatal)
		return req, false
	}
	if aerr != nil {
		redirectError(w, r, req, aerr, status)
		return req, false
	}
	return req, true
}

// authorizePost handles the consent form: it validates everything again,
// then redirects with a code on approve or access_denied on deny.
func (s *Server) authorizePost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		errorPage(w, "the consent form could not be read")
		return
	}
	form := r.PostForm
	req, ok := s.acceptAuthRequest(w, r, form, http.StatusSeeOther)
	if !ok {
		return
	}
	if len(form["action"]) > 1 || len(form["user"]) > 1 {
		redirectError(w, r, req, &authError{"invalid_request", "repeated parameter"}, http.StatusSeeOther)
		return
	}
	switch form.Get("action") {
	case "deny":
		redirectError(w, r, req, &authError{"access_denied", "the user denied the request"}, http.StatusSeeOther)
	case "approve":
		userID := form.Get("user")
		if userID == "" {
			s.mu.Lock()
			userID = s.currentUser
			s.mu.Unlock()
		}
		if _, ok := s.user(userID); !ok {
			redirectError(w, r, req, &authError{"invalid_request", "unknown user"}, http.StatusSeeOther)
			return
		}
		ids, ok := s.selectedMementos(form["memento"])
		if !ok {
			redirectError(w, r, req, &authError{"invalid_request", "unknown memento"}, http.StatusSeeOther)
			return
		}
		code := s.issueCode(req, userID, ids)
		redirectCode(w, r, req, code, http.StatusSeeOther)
	default:
		redirectError(w, r, req, &authError{"invalid_request", "action must be approve or deny"}, http.StatusSeeOther)
	}
}

// parseAuthRequest validates the parameters of an authorization request.
// A non-empty fatal means client_id or redirect_uri is bad: the error must
// be shown to the user, never sent to the redirect URI. Otherwise aerr, if
// set, is to be reported to the client by redirect.
func (s *Server) parseAuthRequest(v url.Values) (req authRequest, fatal string, aerr *authError) {
	req = authRequest{
		clientID:        v.Get("client_id"),
		redirectURI:     v.Get("redirect_uri"),
		responseType:    v.Get("response_type"),
		state:           v.Get("state"),
		scope:           strings.Join(strings.Fields(v.Get("scope")), " "),
		challenge:       v.Get("code_challenge"),
		challengeMethod: v.Get("code_challenge_method"),
	}
	switch {
	case req.clientID == "":
		return req, "client_id is missing", nil
	case len(v["client_id"]) > 1:
		return req, "client_id is repeated", nil
	case req.clientID != s.cfg.ClientID:
		return req, "client_id is unknown", nil
	case req.redirectURI == "":
		return req, "redirect_uri is missing", nil
	case len(v["redirect_uri"]) > 1:
		return req, "redirect_uri is repeated", nil
	}
	if msg := s.checkRedirectURI(req.redirectURI); msg != "" {
		return req, msg, nil
	}
	for _, k := range []string{"response_type", "state", "scope", "code_challenge", "code_challenge_method"} {
		if len(v[k]) > 1 {
			return req, "", &authError{"invalid_request", k + " is repeated"}
		}
	}
	switch {
	case req.responseType == "":
		return req, "", &authError{"invalid_request", "response_type is missing"}
	case req.responseType != "code":
		return req, "", &authError{"unsupported_response_type", "only response_type=code is supported"}
	case req.challenge == "" && req.challengeMethod != "":
		return req, "", &authError{"invalid_request", "code_challenge_method without code_challenge"}
	case req.challenge != "" && req.challengeMethod != "S256":
		return req, "", &authError{"invalid_request", "code_challenge_method must be S256"}
	case req.challenge != "" && !validChallenge(req.challenge):
		return req, "", &authError{"invalid_request", "code_challenge is malformed"}
	}
	return req, "", nil
}

// checkRedirectURI returns why u is not an acceptable redirect URI, or "".
func (s *Server) checkRedirectURI(u string) string {
	if len(s.cfg.RedirectURIs) > 0 {
		if !slices.Contains(s.cfg.RedirectURIs, u) {
			return "redirect_uri is not registered for this client"
		}
		return ""
	}
	p, err := url.Parse(u)
	switch {
	case err != nil:
		return "redirect_uri is not a valid URL"
	case p.Scheme != "http" && p.Scheme != "https":
		return "redirect_uri must be an absolute http or https URL"
	case p.Host == "":
		return "redirect_uri has no host"
	case p.Fragment != "" || strings.Contains(u, "#"):
		return "redirect_uri must not contain a fragment"
	}
	return ""
}

// allMementoIDs returns the ids of every configured memento.
func (s *Server) allMementoIDs() []int {
	ids := make([]int, 0, len(s.cfg.Mementos))
	for _, m := range s.cfg.Mementos {
		ids = append(ids, m.ID)
	}
	return ids
}

// selectedMementos parses the memento ids ticked on the consent page. It
// reports false if one is not a configured memento.
func (s *Server) selectedMementos(vals []string) ([]int, bool) {
	var ids []int
	for _, v := range vals {
		id, err := strconv.Atoi(v)
		if err != nil || !slices.ContainsFunc(s.cfg.Mementos, func(m Memento) bool { return m.ID == id }) {
			return nil, false
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, true
}

// redirectCode sends the browser back to the client with a code.
func redirectCode(w http.ResponseWriter, r *http.Request, req authRequest, code string, status int) {
	q := url.Values{"code": {code}}
	if req.state != "" {
		q.Set("state", req.state)
	}
	redirectBack(w, r, req.redirectURI, q, status)
}

// redirectError sends the browser back to the client with an error.
func redirectError(w http.ResponseWriter, r *http.Request, req authRequest, e *authError, status int) {
	q := url.Values{"error": {e.code}, "error_description": {e.description}}
	if req.state != "" {
		q.Set("state", req.state)
	}
	redirectBack(w, r, req.redirectURI, q, status)
}

// redirectBack redirects to redirectURI (already validated) with params
// merged into its query.
func redirectBack(w http.ResponseWriter, r *http.Request, redirectURI string, params url.Values, status int) {
	u, err := url.Parse(redirectURI)
	if err != nil {
		errorPage(w, "redirect_uri is not a valid URL")
		return
	}
	q := u.Query()
	for k, vs := range params {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	http.Redirect(w, r, u.String(), status)
}

// errorPage answers 400 with a plain-text explanation, for requests that
// cannot safely be redirected back to the client.
func errorPage(w http.ResponseWriter, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write([]byte("Rememberizer (test server): invalid authorization request: " + msg + ".\n"))
}
