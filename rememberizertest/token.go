package rememberizertest

import (
	"crypto/subtle"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// tokenResponse is a successful token-endpoint answer.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    *int64 `json:"expires_in,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Scope        string `json:"scope,omitempty"`
}

// tokenFailure is a token-endpoint error with its HTTP status.
type tokenFailure struct {
	status  int
	body    oauthError
	wwwAuth string // WWW-Authenticate value, "" for none
}

// fail builds a tokenFailure.
func fail(status int, code, description string) *tokenFailure {
	return &tokenFailure{status: status, body: oauthError{code, description}}
}

// writeTokenFailure answers with tf.
func writeTokenFailure(w http.ResponseWriter, tf *tokenFailure) {
	if tf.wwwAuth != "" {
		w.Header().Set("WWW-Authenticate", tf.wwwAuth)
	}
	writeJSON(w, tf.status, tf.body)
}

// handleToken serves the token endpoint.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	form, formErr := readTokenForm(w, r)

	s.mu.Lock()
	s.tokenCalls++
	s.lastToken = cloneValues(form)
	if form.Get("grant_type") == "refresh_token" {
		s.refreshCalls++
	}
	f, faulted := popFault(&s.tokenFaults)
	s.mu.Unlock()

	if !s.admit(w, r, f, faulted, http.MethodPost) {
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	if formErr != nil {
		writeTokenFailure(w, formErr)
		return
	}
	resp, tf := s.grantTokens(r, form)
	if tf != nil {
		writeTokenFailure(w, tf)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// readTokenForm reads a POST's application/x-www-form-urlencoded body. It
// always returns a non-nil form, empty when the body could not be read.
func readTokenForm(w http.ResponseWriter, r *http.Request) (url.Values, *tokenFailure) {
	if r.Method != http.MethodPost {
		return url.Values{}, nil
	}
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || ct != "application/x-www-form-urlencoded" {
		return url.Values{}, fail(http.StatusBadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxFormBytes))
	if err != nil {
		return url.Values{}, fail(http.StatusBadRequest, "invalid_request", "the body could not be read")
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return url.Values{}, fail(http.StatusBadRequest, "invalid_request", "the body is not a valid form")
	}
	return form, nil
}

// grantTokens authenticates the client and runs the requested grant.
func (s *Server) grantTokens(r *http.Request, form url.Values) (*tokenResponse, *tokenFailure) {
	if _, _, ok := r.BasicAuth(); ok || strings.HasPrefix(strings.ToLower(r.Header.Get("Authorization")), "basic ") {
		tf := fail(http.StatusUnauthorized, "invalid_client", "send client_id and client_secret in the request body, not in an Authorization header")
		tf.wwwAuth = `Basic realm="rememberizer"`
		return nil, tf
	}
	for k, vs := range form {
		if len(vs) > 1 {
			return nil, fail(http.StatusBadRequest, "invalid_request", "parameter "+k+" is repeated")
		}
	}
	if !s.clientAuthenticated(form.Get("client_id"), form.Get("client_secret")) {
		return nil, fail(http.StatusUnauthorized, "invalid_client", "client authentication failed")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	switch form.Get("grant_type") {
	case "authorization_code":
		return s.exchangeCode(form)
	case "refresh_token":
		return s.refreshGrant(form)
	case "":
		return nil, fail(http.StatusBadRequest, "invalid_request", "grant_type is missing")
	default:
		return nil, fail(http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
	}
}

// clientAuthenticated reports whether id and secret are the registered
// client's, comparing the secret in constant time.
func (s *Server) clientAuthenticated(id, secret string) bool {
	if id == "" || id != s.cfg.ClientID {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(secret), []byte(s.cfg.ClientSecret)) == 1
}

// exchangeCode runs the authorization_code grant. The caller holds s.mu.
//
// A code is spent by the first exchange attempt that names it, successful
// or not. Presenting a spent code again revokes the tokens issued from it
// (RFC 6749 §4.1.2).
func (s *Server) exchangeCode(form url.Values) (*tokenResponse, *tokenFailure) {
	code := form.Get("code")
	if code == "" {
		return nil, fail(http.StatusBadRequest, "invalid_request", "code is missing")
	}
	c, ok := s.codes[code]
	if !ok {
		return nil, fail(http.StatusBadRequest, "invalid_grant", "the code is unknown")
	}
	if c.used {
		if c.grant != nil {
			s.revoke(c.grant)
		}
		return nil, fail(http.StatusBadRequest, "invalid_grant", "the code was already used")
	}
	c.used = true
	switch {
	case !s.now().Before(c.expires):
		return nil, fail(http.StatusBadRequest, "invalid_grant", "the code has expired")
	case c.clientID != form.Get("client_id"):
		return nil, fail(http.StatusBadRequest, "invalid_grant", "the code was issued to another client")
	case c.redirectURI != form.Get("redirect_uri"):
		return nil, fail(http.StatusBadRequest, "invalid_grant", "redirect_uri does not match the authorization request")
	}
	verifier, hasVerifier := form["code_verifier"]
	switch {
	case c.challenge == "" && hasVerifier:
		return nil, fail(http.StatusBadRequest, "invalid_grant", "code_verifier sent but the authorization request had no code_challenge")
	case c.challenge != "" && !hasVerifier:
		return nil, fail(http.StatusBadRequest, "invalid_grant", "code_verifier is missing")
	case c.challenge != "" && !validVerifier(verifier[0]):
		return nil, fail(http.StatusBadRequest, "invalid_grant", "code_verifier is malformed")
	case c.challenge != "" && subtle.ConstantTimeCompare([]byte(S256Challenge(verifier[0])), []byte(c.challenge)) != 1:
		return nil, fail(http.StatusBadRequest, "invalid_grant", "code_verifier does not match code_challenge")
	}

	g := &grant{
		userID:     c.userID,
		clientID:   c.clientID,
		scope:      c.scope,
		mementoIDs: c.mementoIDs,
	}
	c.grant = g
	s.grants = append(s.grants, g)
	s.codesExchanged++
	return s.tokenResponse(g, s.offline(g)), nil
}

// refreshGrant runs the refresh_token grant. The caller holds s.mu.
func (s *Server) refreshGrant(form url.Values) (*tokenResponse, *tokenFailure) {
	tok := form.Get("refresh_token")
	if tok == "" {
		return nil, fail(http.StatusBadRequest, "invalid_request", "refresh_token is missing")
	}
	g, ok := s.refresh[tok]
	if old, reused := s.rotatedOut[tok]; reused && !ok {
		// A rotated-out refresh token came back: with reuse detection
		// the whole grant is revoked, as strict servers do (RFC 9700
		// §4.14.2).
		s.reuseDetections++
		s.revoke(old)
		return nil, fail(http.StatusBadRequest, "invalid_grant", "the refresh token was already used; the grant is revoked")
	}
	if !ok || g.revoked || g.refresh != tok || g.clientID != form.Get("client_id") {
		return nil, fail(http.StatusBadRequest, "invalid_grant", "the refresh token is invalid, expired or revoked")
	}
	if scope := form.Get("scope"); scope != "" {
		granted := strings.Fields(g.scope)
		for _, sc := range strings.Fields(scope) {
			if !slices.Contains(granted, sc) {
				return nil, fail(http.StatusBadRequest, "invalid_scope", "the requested scope exceeds the granted scope")
			}
		}
	}
	s.refreshes++
	return s.tokenResponse(g, !s.cfg.DisableRotation), nil
}

// offline reports whether g may carry a refresh token.
func (s *Server) offline(g *grant) bool {
	return !s.cfg.OmitRefreshToken && slices.Contains(strings.Fields(g.scope), "offline_access")
}

// tokenResponse issues a new access token for g and, when withRefresh is
// set, a new refresh token that replaces the old one. The caller holds s.mu.
func (s *Server) tokenResponse(g *grant, withRefresh bool) *tokenResponse {
	resp := &tokenResponse{
		AccessToken: s.issueAccess(g),
		TokenType:   "Bearer",
		Scope:       g.scope,
	}
	if !s.cfg.OmitExpiresIn {
		secs := int64(s.cfg.TokenLifetime.Seconds())
		resp.ExpiresIn = &secs
	}
	if withRefresh {
		resp.RefreshToken = s.rotateRefresh(g)
	}
	return resp
}
