package rememberizertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestFailNextToken(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		fault      Fault
		wantStatus int
		wantBody   string
		wantHeader http.Header
	}{
		{
			name:       "status and body",
			fault:      Fault{Status: http.StatusServiceUnavailable, Body: `{"error":"temporarily_unavailable"}`},
			wantStatus: http.StatusServiceUnavailable,
			wantBody:   `{"error":"temporarily_unavailable"}`,
			wantHeader: http.Header{"Content-Type": {"application/json"}},
		},
		{
			name:       "body only is 200",
			fault:      Fault{Body: `{"access_token":""}`},
			wantStatus: http.StatusOK,
			wantBody:   `{"access_token":""}`,
			wantHeader: http.Header{"Content-Type": {"application/json"}},
		},
		{
			name:       "html error page",
			fault:      Fault{Status: http.StatusBadGateway, Body: "<h1>502</h1>", ContentType: "text/html"},
			wantStatus: http.StatusBadGateway,
			wantBody:   "<h1>502</h1>",
			wantHeader: http.Header{"Content-Type": {"text/html"}},
		},
		{
			name:       "redirect",
			fault:      Fault{Status: http.StatusTemporaryRedirect, Header: http.Header{"Location": {"http://127.0.0.1:1/elsewhere"}}},
			wantStatus: http.StatusTemporaryRedirect,
			wantHeader: http.Header{"Location": {"http://127.0.0.1:1/elsewhere"}},
		},
		{
			name:       "short delay then body",
			fault:      Fault{Status: http.StatusTooManyRequests, Body: `{}`, Delay: time.Millisecond, Header: http.Header{"Retry-After": {"1"}}},
			wantStatus: http.StatusTooManyRequests,
			wantBody:   `{}`,
			wantHeader: http.Header{"Retry-After": {"1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{})
			code := getCode(t, s, nil)
			s.FailNextToken(tt.fault)

			r := postToken(t, s, codeForm(s, code))
			if r.status != tt.wantStatus || r.raw != tt.wantBody {
				t.Errorf("faulted: got %d %q, want %d %q", r.status, r.raw, tt.wantStatus, tt.wantBody)
			}
			for k := range tt.wantHeader {
				if got, want := r.header.Get(k), tt.wantHeader.Get(k); got != want {
					t.Errorf("header %s: got %q, want %q", k, got, want)
				}
			}
			if got := s.LastTokenRequest().Get("code"); got != code {
				t.Errorf("LastTokenRequest code: got %q, want %q", got, code)
			}

			// The fault consumed nothing: the same code still works.
			if r := postToken(t, s, codeForm(s, code)); r.status != http.StatusOK {
				t.Errorf("after fault: got %d %s, want 200", r.status, r.raw)
			}
			wantCount(t, "TokenCalls", s.TokenCalls(), 2)
			wantCount(t, "CodesExchanged", s.CodesExchanged(), 1)
		})
	}
}

func TestFailNextTokenCountsRefreshCalls(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	refresh := signIn(t, s).str("refresh_token")
	s.FailNextToken(Fault{Status: http.StatusInternalServerError, Body: `{}`})
	if r := postToken(t, s, refreshForm(s, refresh)); r.status != http.StatusInternalServerError {
		t.Errorf("faulted refresh: got %d, want 500", r.status)
	}
	wantCount(t, "RefreshCalls", s.RefreshCalls(), 1)
	wantCount(t, "Refreshes", s.Refreshes(), 0)
	if got := s.CurrentRefreshToken("42"); got != refresh {
		t.Errorf("CurrentRefreshToken: got %q, want unchanged %q", got, refresh)
	}
}

func TestFaultsQueue(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	s.FailNextToken(Fault{Status: 500, Body: `{"n":1}`})
	s.FailNextToken(Fault{Status: 502, Body: `{"n":2}`})
	for _, want := range []int{500, 502, http.StatusBadRequest} {
		if r := postToken(t, s, refreshForm(s, "x")); r.status != want {
			t.Errorf("status: got %d, want %d", r.status, want)
		}
	}
}

func TestPureDelayFaultProcessesNormally(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	code := getCode(t, s, nil)
	s.FailNextToken(Fault{Delay: time.Millisecond, Header: http.Header{"X-Fake": {"slow"}}})
	r := postToken(t, s, codeForm(s, code))
	if r.status != http.StatusOK || r.str("access_token") == "" {
		t.Errorf("got %d %s, want 200 with a token", r.status, r.raw)
	}
	if got := r.header.Get("X-Fake"); got != "slow" {
		t.Errorf("X-Fake: got %q, want slow", got)
	}
}

func TestFaultDelayStopsWhenClientLeaves(t *testing.T) {
	t.Parallel()
	s := NewUnstartedServer(Config{})
	defer s.Close()
	s.FailNextToken(Fault{Status: 500, Body: `{}`, Delay: time.Hour})

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, TokenPath, strings.NewReader("grant_type=refresh_token"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req) // returns at once, not after an hour
	if rec.Body.Len() != 0 {
		t.Errorf("body after cancellation: got %q, want empty", rec.Body.String())
	}
	wantCount(t, "TokenCalls", s.TokenCalls(), 1)
}

func TestCloseEndsFaultDelay(t *testing.T) {
	t.Parallel()
	s := NewServer(Config{})
	s.FailNextToken(Fault{Status: 500, Body: `{}`, Delay: time.Hour})
	errc := make(chan error, 1)
	go func() {
		resp, err := noFollow.PostForm(s.TokenURL(), refreshForm(s, "x"))
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	for s.TokenCalls() == 0 {
		time.Sleep(time.Millisecond)
	}
	s.Close() // must not wait for the hour
	if err := <-errc; err == nil {
		t.Errorf("client: got nil error, want the connection to fail")
	}
}

func TestFailNextAccount(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	tok := signIn(t, s).str("access_token")
	s.FailNextAccount(Fault{Status: http.StatusServiceUnavailable, Body: `{"detail":"down"}`})
	r := apiGet(t, s.AccountURL(), tok)
	if r.status != http.StatusServiceUnavailable || r.str("detail") != "down" {
		t.Errorf("faulted: got %d %s, want 503 detail=down", r.status, r.raw)
	}
	if r := apiGet(t, s.AccountURL(), tok); r.status != http.StatusOK {
		t.Errorf("after fault: got %d %s, want 200", r.status, r.raw)
	}
	wantCount(t, "AccountCalls", s.AccountCalls(), 2)
}
