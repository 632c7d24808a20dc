package rememberizertest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/internal/testclock"
)

// testRedirectURI is the redirect URI test clients register.
const testRedirectURI = "http://127.0.0.1:9999/callback"

// testVerifier and testChallenge are the RFC 7636 Appendix B vector.
const (
	testVerifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	testChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
)

// newClock is a settable time source for Config.Now.
func newClock() *testclock.Clock {
	return testclock.New(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
}

// startServer starts a fake that is closed when the test ends.
func startServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	s := NewServer(cfg)
	t.Cleanup(s.Close)
	return s
}

// noFollow is a client that returns redirects instead of following them.
var noFollow = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

// authParams returns a valid authorization request with extra merged in;
// an empty value in extra deletes the parameter.
func authParams(s *Server, extra url.Values) url.Values {
	q := url.Values{
		"client_id":     {s.ClientID()},
		"response_type": {"code"},
		"redirect_uri":  {testRedirectURI},
		"state":         {"st-123"},
		"scope":         {"offline_access"},
	}
	for k, vs := range extra {
		if len(vs) == 1 && vs[0] == "" {
			delete(q, k)
			continue
		}
		q[k] = vs
	}
	return q
}

// authorize sends GET authorize and returns the unfollowed response.
func authorize(t *testing.T, s *Server, q url.Values) *http.Response {
	t.Helper()
	resp, err := noFollow.Get(s.AuthorizeURL() + "?" + q.Encode())
	if err != nil {
		t.Fatalf("GET authorize: %v", err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// callback parses the Location of a redirect back to the client.
func callback(t *testing.T, resp *http.Response, wantStatus int) url.Values {
	t.Helper()
	if resp.StatusCode != wantStatus {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("authorize status: got %d, want %d (body %q)", resp.StatusCode, wantStatus, body)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatalf("parse Location: %v", err)
	}
	return loc.Query()
}

// getCode runs an auto-approved authorization and returns the code.
func getCode(t *testing.T, s *Server, extra url.Values) string {
	t.Helper()
	q := callback(t, authorize(t, s, authParams(s, extra)), http.StatusFound)
	code := q.Get("code")
	if code == "" {
		t.Fatalf("callback has no code: %v", q)
	}
	return code
}

// codeForm returns a valid authorization_code token request.
func codeForm(s *Server, code string) url.Values {
	return url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"redirect_uri":  {testRedirectURI},
		"client_id":     {s.ClientID()},
		"client_secret": {s.ClientSecret()},
	}
}

// refreshForm returns a valid refresh_token token request.
func refreshForm(s *Server, refresh string) url.Values {
	return url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {refresh},
		"client_id":     {s.ClientID()},
		"client_secret": {s.ClientSecret()},
	}
}

// response is a decoded JSON answer.
type response struct {
	status int
	header http.Header
	body   map[string]json.RawMessage
	raw    string
}

// str returns a string field of the body, "" if absent or not a string.
func (r response) str(key string) string {
	var v string
	_ = json.Unmarshal(r.body[key], &v)
	return v
}

// do sends req and decodes the answer.
func do(t *testing.T, req *http.Request) response {
	t.Helper()
	resp, err := noFollow.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	r := response{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") && len(raw) > 0 {
		if err := json.Unmarshal(raw, &r.body); err != nil {
			t.Fatalf("decode %q: %v", raw, err)
		}
	}
	return r
}

// postToken posts form to the token endpoint.
func postToken(t *testing.T, s *Server, form url.Values) response {
	t.Helper()
	return do(t, tokenRequest(t, s, form))
}

// apiGet calls an API endpoint with a bearer token ("" for none).
func apiGet(t *testing.T, u, token string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

// signIn runs a full auto-approved flow and returns the token response.
func signIn(t *testing.T, s *Server) response {
	t.Helper()
	r := postToken(t, s, codeForm(s, getCode(t, s, nil)))
	if r.status != http.StatusOK {
		t.Fatalf("exchange: got %d %s, want 200", r.status, r.raw)
	}
	return r
}

// wantError checks a status and an OAuth error code.
func wantError(t *testing.T, r response, status int, code string) {
	t.Helper()
	if r.status != status || r.str("error") != code {
		t.Errorf("got %d %s, want %d error=%s", r.status, r.raw, status, code)
	}
}
