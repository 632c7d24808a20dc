package rememberizertest

import (
	"net/http"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/internal/testclock"
)

func TestAccountID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, id, wantJSON string
	}{
		{"digits", "42", `42`},
		{"zero", "0", `0`},
		{"large", "123456789012345678901234567890", `123456789012345678901234567890`},
		{"letters", "u-7", `"u-7"`},
		{"leading zero", "007", `"007"`},
		{"negative", "-1", `"-1"`},
		{"uuid", "9f1c3a52-5d0e-4f35-9d2b-0b6c7c1e2a10", `"9f1c3a52-5d0e-4f35-9d2b-0b6c7c1e2a10"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{Users: []User{{ID: tt.id, Email: "e@example.com", Name: "N"}}})
			r := apiGet(t, s.AccountURL(), signIn(t, s).str("access_token"))
			if got := string(r.body["id"]); got != tt.wantJSON {
				t.Errorf("id: got %s, want %s", got, tt.wantJSON)
			}
		})
	}
}

func TestAPIAuthentication(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		header     func(token string) string
		wantStatus int
		wantDetail string
	}{
		{"valid", func(tok string) string { return "Bearer " + tok }, http.StatusOK, ""},
		{"lower-case scheme", func(tok string) string { return "bearer " + tok }, http.StatusOK, ""},
		{"no header", func(string) string { return "" }, http.StatusUnauthorized, "Authentication credentials were not provided."},
		{"basic scheme", func(tok string) string { return "Basic " + tok }, http.StatusUnauthorized, "Authentication credentials were not provided."},
		{"unknown token", func(string) string { return "Bearer nope" }, http.StatusUnauthorized, "Invalid token."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{})
			tok := signIn(t, s).str("access_token")
			for _, u := range []string{s.AccountURL(), s.MementosURL()} {
				req, _ := http.NewRequest(http.MethodGet, u, nil)
				if h := tt.header(tok); h != "" {
					req.Header.Set("Authorization", h)
				}
				r := do(t, req)
				if r.status != tt.wantStatus || r.str("detail") != tt.wantDetail {
					t.Errorf("%s: got %d %s, want %d detail=%q", u, r.status, r.raw, tt.wantStatus, tt.wantDetail)
				}
			}
		})
	}
}

func TestRevocation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		act           func(s *Server, clk *testclock.Clock)
		wantAPI       int
		wantRefreshOK bool
	}{
		{"nothing", func(*Server, *testclock.Clock) {}, http.StatusOK, true},
		{"Disconnect", func(s *Server, _ *testclock.Clock) { s.Disconnect("42") }, http.StatusUnauthorized, false},
		{"Disconnect other user", func(s *Server, _ *testclock.Clock) { s.Disconnect("7") }, http.StatusOK, true},
		{"ExpireAccessTokens", func(s *Server, _ *testclock.Clock) { s.ExpireAccessTokens() }, http.StatusUnauthorized, true},
		{"clock past lifetime", func(_ *Server, c *testclock.Clock) { c.Advance(time.Hour) }, http.StatusUnauthorized, true},
		{"clock before lifetime", func(_ *Server, c *testclock.Clock) { c.Advance(time.Hour - time.Second) }, http.StatusOK, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clk := newClock()
			s := startServer(t, Config{Now: clk.Now, Users: []User{
				{ID: "42", Email: "ada@example.com", Name: "Ada"},
				{ID: "7", Email: "grace@example.com", Name: "Grace"},
			}})
			tok := signIn(t, s)
			tt.act(s, clk)

			for _, u := range []string{s.AccountURL(), s.MementosURL()} {
				if r := apiGet(t, u, tok.str("access_token")); r.status != tt.wantAPI {
					t.Errorf("%s: got %d, want %d", u, r.status, tt.wantAPI)
				}
			}
			r := postToken(t, s, refreshForm(s, tok.str("refresh_token")))
			if tt.wantRefreshOK {
				if r.status != http.StatusOK {
					t.Fatalf("refresh: got %d %s, want 200", r.status, r.raw)
				}
				if a := apiGet(t, s.AccountURL(), r.str("access_token")); a.status != http.StatusOK {
					t.Errorf("account with refreshed token: got %d, want 200", a.status)
				}
			} else {
				wantError(t, r, http.StatusBadRequest, "invalid_grant")
				if got := s.CurrentRefreshToken("42"); got != "" {
					t.Errorf("CurrentRefreshToken: got %q, want empty", got)
				}
			}
		})
	}
}

func TestDisconnectInvalidatesPendingCodes(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	code := getCode(t, s, nil)
	s.Disconnect("42")
	wantError(t, postToken(t, s, codeForm(s, code)), http.StatusBadRequest, "invalid_grant")
	// A new authorization works again.
	signIn(t, s)
}
