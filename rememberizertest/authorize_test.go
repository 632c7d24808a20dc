package rememberizertest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAuthorizeRejectsWithoutRedirect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cfg   Config
		extra url.Values
	}{
		{"unknown client_id", Config{}, url.Values{"client_id": {"evil"}}},
		{"missing client_id", Config{}, url.Values{"client_id": {""}}},
		{"repeated client_id", Config{}, url.Values{"client_id": {"test-client-id", "test-client-id"}}},
		{"missing redirect_uri", Config{}, url.Values{"redirect_uri": {""}}},
		{"relative redirect_uri", Config{}, url.Values{"redirect_uri": {"/callback"}}},
		{"redirect_uri with fragment", Config{}, url.Values{"redirect_uri": {testRedirectURI + "#frag"}}},
		{"javascript redirect_uri", Config{}, url.Values{"redirect_uri": {"javascript:alert(1)"}}},
		{"unregistered redirect_uri", Config{RedirectURIs: []string{"http://127.0.0.1:9999/other"}}, nil},
		{"bad client and bad response_type", Config{}, url.Values{"client_id": {"evil"}, "response_type": {"token"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, tt.cfg)
			resp := authorize(t, s, authParams(s, tt.extra))
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status: got %d, want 400", resp.StatusCode)
			}
			if loc := resp.Header.Get("Location"); loc != "" {
				t.Errorf("Location: got %q, want none", loc)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("Content-Type: got %q, want text/plain", ct)
			}
		})
	}
}

func TestAuthorizeRedirectsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		extra     url.Values
		wantError string
	}{
		{"unsupported response_type", url.Values{"response_type": {"token"}}, "unsupported_response_type"},
		{"missing response_type", url.Values{"response_type": {""}}, "invalid_request"},
		{"challenge without method", url.Values{"code_challenge": {testChallenge}}, "invalid_request"},
		{"plain method", url.Values{"code_challenge": {testChallenge}, "code_challenge_method": {"plain"}}, "invalid_request"},
		{"method without challenge", url.Values{"code_challenge_method": {"S256"}}, "invalid_request"},
		{"malformed challenge", url.Values{"code_challenge": {"short"}, "code_challenge_method": {"S256"}}, "invalid_request"},
		{"repeated state", url.Values{"state": {"a", "b"}}, "invalid_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{})
			q := authParams(s, tt.extra)
			cb := callback(t, authorize(t, s, q), http.StatusFound)
			if got := cb.Get("error"); got != tt.wantError {
				t.Errorf("error: got %q, want %q", got, tt.wantError)
			}
			if got, want := cb.Get("state"), q.Get("state"); got != want {
				t.Errorf("state: got %q, want %q", got, want)
			}
			if cb.Has("code") {
				t.Errorf("code: got %q, want none", cb.Get("code"))
			}
		})
	}
}

func TestAuthorizeRedirectShape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		redirectURI string
		state       string
		wantPrefix  string
		wantQuery   url.Values // besides code
	}{
		{"plain", testRedirectURI, "xyz", testRedirectURI + "?", url.Values{"state": {"xyz"}}},
		{"no state", testRedirectURI, "", testRedirectURI + "?", url.Values{}},
		{"state needing escapes", testRedirectURI, "a+b c&d=é#", testRedirectURI + "?", url.Values{"state": {"a+b c&d=é#"}}},
		{"existing query kept", testRedirectURI + "?tenant=7&x=a%20b", "s", testRedirectURI + "?", url.Values{"tenant": {"7"}, "x": {"a b"}, "state": {"s"}}},
		{"https", "https://app.example.com/cb", "s", "https://app.example.com/cb?", url.Values{"state": {"s"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{})
			resp := authorize(t, s, authParams(s, url.Values{"redirect_uri": {tt.redirectURI}, "state": {tt.state}}))
			if resp.StatusCode != http.StatusFound {
				t.Fatalf("status: got %d, want 302", resp.StatusCode)
			}
			loc := resp.Header.Get("Location")
			if !strings.HasPrefix(loc, tt.wantPrefix) {
				t.Errorf("Location: got %q, want prefix %q", loc, tt.wantPrefix)
			}
			u, _ := url.Parse(loc)
			q := u.Query()
			if q.Get("code") == "" {
				t.Errorf("Location %q has no code", loc)
			}
			q.Del("code")
			if got, want := q.Encode(), tt.wantQuery.Encode(); got != want {
				t.Errorf("query: got %q, want %q", got, want)
			}
			// The exact redirect URI, query and all, must be sent back.
			form := codeForm(s, u.Query().Get("code"))
			form.Set("redirect_uri", tt.redirectURI)
			if r := postToken(t, s, form); r.status != http.StatusOK {
				t.Errorf("exchange: got %d %s, want 200", r.status, r.raw)
			}
		})
	}
}

func TestAuthorizeRegisteredRedirectURI(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{RedirectURIs: []string{testRedirectURI}})
	getCode(t, s, nil)
}
