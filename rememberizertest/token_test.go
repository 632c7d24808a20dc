package rememberizertest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestExchangeErrors(t *testing.T) {
	t.Parallel()
	pkce := url.Values{"code_challenge": {testChallenge}, "code_challenge_method": {"S256"}}
	tests := []struct {
		name       string
		authExtra  url.Values                                              // merged into the authorization request
		edit       func(s *Server, form url.Values)                        // changes the token request
		send       func(t *testing.T, s *Server, form url.Values) response // nil: postToken
		wantStatus int
		wantError  string
	}{
		{
			name:       "wrong verifier",
			authExtra:  pkce,
			edit:       func(_ *Server, f url.Values) { f.Set("code_verifier", strings.Repeat("x", 43)) },
			wantStatus: http.StatusBadRequest, wantError: "invalid_grant",
		},
		{
			name:       "missing verifier",
			authExtra:  pkce,
			wantStatus: http.StatusBadRequest, wantError: "invalid_grant",
		},
		{
			name:       "malformed verifier",
			authExtra:  pkce,
			edit:       func(_ *Server, f url.Values) { f.Set("code_verifier", "short") },
			wantStatus: http.StatusBadRequest, wantError: "invalid_grant",
		},
		{
			name:       "verifier without challenge",
			edit:       func(_ *Server, f url.Values) { f.Set("code_verifier", testVerifier) },
			wantStatus: http.StatusBadRequest, wantError: "invalid_grant",
		},
		{
			name:       "redirect_uri mismatch",
			edit:       func(_ *Server, f url.Values) { f.Set("redirect_uri", testRedirectURI+"/") },
			wantStatus: http.StatusBadRequest, wantError: "invalid_grant",
		},
		{
			name:       "redirect_uri missing",
			edit:       func(_ *Server, f url.Values) { f.Del("redirect_uri") },
			wantStatus: http.StatusBadRequest, wantError: "invalid_grant",
		},
		{
			name:       "unknown code",
			edit:       func(_ *Server, f url.Values) { f.Set("code", "nope") },
			wantStatus: http.StatusBadRequest, wantError: "invalid_grant",
		},
		{
			name:       "missing code",
			edit:       func(_ *Server, f url.Values) { f.Del("code") },
			wantStatus: http.StatusBadRequest, wantError: "invalid_request",
		},
		{
			name:       "wrong secret",
			edit:       func(_ *Server, f url.Values) { f.Set("client_secret", "wrong") },
			wantStatus: http.StatusUnauthorized, wantError: "invalid_client",
		},
		{
			name:       "missing secret",
			edit:       func(_ *Server, f url.Values) { f.Del("client_secret") },
			wantStatus: http.StatusUnauthorized, wantError: "invalid_client",
		},
		{
			name:       "unknown client",
			edit:       func(_ *Server, f url.Values) { f.Set("client_id", "other") },
			wantStatus: http.StatusUnauthorized, wantError: "invalid_client",
		},
		{
			name:       "duplicate parameter",
			edit:       func(_ *Server, f url.Values) { f.Add("redirect_uri", testRedirectURI) },
			wantStatus: http.StatusBadRequest, wantError: "invalid_request",
		},
		{
			name:       "unsupported grant type",
			edit:       func(_ *Server, f url.Values) { f.Set("grant_type", "password") },
			wantStatus: http.StatusBadRequest, wantError: "unsupported_grant_type",
		},
		{
			name:       "missing grant type",
			edit:       func(_ *Server, f url.Values) { f.Del("grant_type") },
			wantStatus: http.StatusBadRequest, wantError: "invalid_request",
		},
		{
			name: "basic auth instead of body",
			send: func(t *testing.T, s *Server, f url.Values) response {
				f.Del("client_id")
				f.Del("client_secret")
				return postTokenBasic(t, s, f)
			},
			wantStatus: http.StatusUnauthorized, wantError: "invalid_client",
		},
		{
			name:       "basic auth as well as body",
			send:       postTokenBasic,
			wantStatus: http.StatusUnauthorized, wantError: "invalid_client",
		},
		{
			name: "json body",
			send: func(t *testing.T, s *Server, f url.Values) response {
				req, _ := http.NewRequest(http.MethodPost, s.TokenURL(), strings.NewReader(`{"grant_type":"authorization_code"}`))
				req.Header.Set("Content-Type", "application/json")
				return do(t, req)
			},
			wantStatus: http.StatusBadRequest, wantError: "invalid_request",
		},
		{
			name: "credentials in query string",
			send: func(t *testing.T, s *Server, f url.Values) response {
				req, _ := http.NewRequest(http.MethodPost, s.TokenURL()+"?"+f.Encode(), nil)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				return do(t, req)
			},
			wantStatus: http.StatusUnauthorized, wantError: "invalid_client",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{})
			form := codeForm(s, getCode(t, s, tt.authExtra))
			if tt.edit != nil {
				tt.edit(s, form)
			}
			send := tt.send
			if send == nil {
				send = postToken
			}
			r := send(t, s, form)
			wantError(t, r, tt.wantStatus, tt.wantError)
			wantCount(t, "CodesExchanged", s.CodesExchanged(), 0)
			wantCount(t, "TokenCalls", s.TokenCalls(), 1)
		})
	}
}

func TestBasicAuthAnswersWWWAuthenticate(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	r := postTokenBasic(t, s, url.Values{"grant_type": {"authorization_code"}, "code": {"x"}})
	if got := r.header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Basic") {
		t.Errorf("WWW-Authenticate: got %q, want a Basic challenge", got)
	}
}

func TestExpiredCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		advance    time.Duration
		wantStatus int
		wantError  string
	}{
		{"just before expiry", 59 * time.Second, http.StatusOK, ""},
		{"at expiry", time.Minute, http.StatusBadRequest, "invalid_grant"},
		{"long after", time.Hour, http.StatusBadRequest, "invalid_grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clk := newClock()
			s := startServer(t, Config{Now: clk.Now})
			code := getCode(t, s, nil)
			clk.Advance(tt.advance)
			r := postToken(t, s, codeForm(s, code))
			if r.status != tt.wantStatus || r.str("error") != tt.wantError {
				t.Errorf("got %d %s, want %d error=%q", r.status, r.raw, tt.wantStatus, tt.wantError)
			}
		})
	}
}

func TestCodeReuseRevokesTokens(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	code := getCode(t, s, nil)
	first := postToken(t, s, codeForm(s, code))
	if first.status != http.StatusOK {
		t.Fatalf("first exchange: got %d %s, want 200", first.status, first.raw)
	}
	wantError(t, postToken(t, s, codeForm(s, code)), http.StatusBadRequest, "invalid_grant")

	if r := apiGet(t, s.AccountURL(), first.str("access_token")); r.status != http.StatusUnauthorized {
		t.Errorf("account with revoked token: got %d, want 401", r.status)
	}
	wantError(t, postToken(t, s, refreshForm(s, first.str("refresh_token"))), http.StatusBadRequest, "invalid_grant")
	wantCount(t, "CodesExchanged", s.CodesExchanged(), 1)
}

func TestFailedExchangeSpendsCode(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	code := getCode(t, s, url.Values{"code_challenge": {testChallenge}, "code_challenge_method": {"S256"}})
	form := codeForm(s, code)
	wantError(t, postToken(t, s, form), http.StatusBadRequest, "invalid_grant")
	form.Set("code_verifier", testVerifier)
	wantError(t, postToken(t, s, form), http.StatusBadRequest, "invalid_grant")
}

func TestRefresh(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		cfg            Config
		wantNewRefresh bool // the response carries a new refresh token
		wantOldStillOK bool // the old refresh token still works afterwards
		wantExpiresIn  bool
	}{
		{name: "rotation", wantNewRefresh: true, wantExpiresIn: true},
		{name: "rotation disabled", cfg: Config{DisableRotation: true}, wantOldStillOK: true, wantExpiresIn: true},
		{name: "no expires_in", cfg: Config{OmitExpiresIn: true}, wantNewRefresh: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, tt.cfg)
			first := signIn(t, s)
			old := first.str("refresh_token")
			if _, ok := first.body["expires_in"]; ok != tt.wantExpiresIn {
				t.Errorf("exchange has expires_in: got %v, want %v", ok, tt.wantExpiresIn)
			}

			r := postToken(t, s, refreshForm(s, old))
			if r.status != http.StatusOK {
				t.Fatalf("refresh: got %d %s, want 200", r.status, r.raw)
			}
			if _, ok := r.body["expires_in"]; ok != tt.wantExpiresIn {
				t.Errorf("refresh has expires_in: got %v, want %v", ok, tt.wantExpiresIn)
			}
			if a := r.str("access_token"); a == "" || a == first.str("access_token") {
				t.Errorf("access_token: got %q, want a new token", a)
			}
			if ar := apiGet(t, s.AccountURL(), r.str("access_token")); ar.status != http.StatusOK {
				t.Errorf("account with refreshed token: got %d, want 200", ar.status)
			}
			newRefresh := r.str("refresh_token")
			if got := newRefresh != "" && newRefresh != old; got != tt.wantNewRefresh {
				t.Errorf("new refresh token issued: got %v (%q), want %v", got, newRefresh, tt.wantNewRefresh)
			}
			wantCurrent := old
			if tt.wantNewRefresh {
				wantCurrent = newRefresh
			}
			if got := s.CurrentRefreshToken("42"); got != wantCurrent {
				t.Errorf("CurrentRefreshToken: got %q, want %q", got, wantCurrent)
			}

			again := postToken(t, s, refreshForm(s, old))
			if got := again.status == http.StatusOK; got != tt.wantOldStillOK {
				t.Errorf("old refresh token works: got %v (%d %s), want %v", got, again.status, again.raw, tt.wantOldStillOK)
			}
			if !tt.wantOldStillOK {
				wantError(t, again, http.StatusBadRequest, "invalid_grant")
			}
			if tt.wantNewRefresh {
				if r := postToken(t, s, refreshForm(s, newRefresh)); r.status != http.StatusOK {
					t.Errorf("refresh with new token: got %d %s, want 200", r.status, r.raw)
				}
			}

			wantCalls, wantRefreshes := 2, 1
			if tt.wantOldStillOK {
				wantRefreshes++
			}
			if tt.wantNewRefresh {
				wantCalls++
				wantRefreshes++
			}
			wantCount(t, "RefreshCalls", s.RefreshCalls(), wantCalls)
			wantCount(t, "Refreshes", s.Refreshes(), wantRefreshes)
		})
	}
}

func TestRefreshTokenPresence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cfg   Config
		scope string
		want  bool
	}{
		{"offline_access", Config{}, "offline_access", true},
		{"offline_access among others", Config{}, "read offline_access", true},
		{"no scope", Config{}, "", false},
		{"OmitRefreshToken", Config{OmitRefreshToken: true}, "offline_access", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, tt.cfg)
			r := postToken(t, s, codeForm(s, getCode(t, s, url.Values{"scope": {tt.scope}})))
			if r.status != http.StatusOK {
				t.Fatalf("exchange: got %d %s, want 200", r.status, r.raw)
			}
			_, got := r.body["refresh_token"]
			if got != tt.want {
				t.Errorf("refresh_token present: got %v, want %v", got, tt.want)
			}
			if cur := s.CurrentRefreshToken("42"); (cur != "") != tt.want {
				t.Errorf("CurrentRefreshToken: got %q, want present=%v", cur, tt.want)
			}
		})
	}
}

func TestRefreshErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		edit       func(f url.Values)
		wantStatus int
		wantError  string
	}{
		{"unknown token", func(f url.Values) { f.Set("refresh_token", "nope") }, http.StatusBadRequest, "invalid_grant"},
		{"missing token", func(f url.Values) { f.Del("refresh_token") }, http.StatusBadRequest, "invalid_request"},
		{"wider scope", func(f url.Values) { f.Set("scope", "offline_access admin") }, http.StatusBadRequest, "invalid_scope"},
		{"wrong secret", func(f url.Values) { f.Set("client_secret", "x") }, http.StatusUnauthorized, "invalid_client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{})
			form := refreshForm(s, signIn(t, s).str("refresh_token"))
			tt.edit(form)
			wantError(t, postToken(t, s, form), tt.wantStatus, tt.wantError)
			wantCount(t, "RefreshCalls", s.RefreshCalls(), 1)
			wantCount(t, "Refreshes", s.Refreshes(), 0)
		})
	}
}

func TestDetectReuse(t *testing.T) {
	t.Parallel()
	for _, detect := range []bool{false, true} {
		t.Run(map[bool]string{false: "off", true: "on"}[detect], func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{DetectReuse: detect})
			first := signIn(t, s)
			old := first.str("refresh_token")
			r := postToken(t, s, refreshForm(s, old))
			if r.status != http.StatusOK {
				t.Fatalf("refresh: got %d %s", r.status, r.raw)
			}
			current, access := r.str("refresh_token"), r.str("access_token")
			// The rotated-out token comes back.
			wantError(t, postToken(t, s, refreshForm(s, old)), http.StatusBadRequest, "invalid_grant")
			// With detection the whole grant is revoked: the current
			// refresh token and its access token die too.
			status := postToken(t, s, refreshForm(s, current)).status
			api := apiGet(t, s.AccountURL(), access).status
			if detect {
				if status != http.StatusBadRequest || api != http.StatusUnauthorized || s.ReuseDetections() != 1 {
					t.Fatalf("after reuse: refresh %d, API %d, detections %d; want 400, 401, 1", status, api, s.ReuseDetections())
				}
			} else if status != http.StatusOK || s.ReuseDetections() != 0 {
				t.Fatalf("after reuse without detection: refresh %d, detections %d; want 200, 0", status, s.ReuseDetections())
			}
		})
	}
}
