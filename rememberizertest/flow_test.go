package rememberizertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
)

func TestCodeFlowWithPKCE(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})

	cb := callback(t, authorize(t, s, authParams(s, url.Values{
		"state":                 {"a b&c=d/é"},
		"code_challenge":        {testChallenge},
		"code_challenge_method": {"S256"},
	})), http.StatusFound)
	if got, want := cb.Get("state"), "a b&c=d/é"; got != want {
		t.Errorf("state: got %q, want %q", got, want)
	}
	code := cb.Get("code")
	if len(code) != 43 {
		t.Errorf("code length: got %d, want 43", len(code))
	}

	form := codeForm(s, code)
	form.Set("code_verifier", testVerifier)
	tok := postToken(t, s, form)
	if tok.status != http.StatusOK {
		t.Fatalf("exchange: got %d %s, want 200", tok.status, tok.raw)
	}
	if got := tok.header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control: got %q, want no-store", got)
	}
	access, refresh := tok.str("access_token"), tok.str("refresh_token")
	if len(access) != 40 || len(refresh) != 40 {
		t.Errorf("token lengths: got %d and %d, want 40 and 40", len(access), len(refresh))
	}
	if got := tok.str("token_type"); got != "Bearer" {
		t.Errorf("token_type: got %q, want Bearer", got)
	}
	if got := string(tok.body["expires_in"]); got != "3600" {
		t.Errorf("expires_in: got %s, want 3600", got)
	}
	if got := tok.str("scope"); got != "offline_access" {
		t.Errorf("scope: got %q, want offline_access", got)
	}

	acct := apiGet(t, s.AccountURL(), access)
	if acct.status != http.StatusOK {
		t.Fatalf("account: got %d %s, want 200", acct.status, acct.raw)
	}
	if got, want := acct.raw, `{"id":42,"email":"ada@example.com","name":"Ada Lovelace"}`+"\n"; got != want {
		t.Errorf("account body: got %s, want %s", got, want)
	}

	mem := apiGet(t, s.MementosURL(), access)
	var list struct {
		Count   int       `json:"count"`
		Next    *string   `json:"next"`
		Results []Memento `json:"results"`
	}
	if err := json.Unmarshal([]byte(mem.raw), &list); err != nil {
		t.Fatalf("decode mementos %s: %v", mem.raw, err)
	}
	if list.Count != 3 || len(list.Results) != 3 || list.Results[0].Name != "Research notes" || list.Next != nil {
		t.Errorf("mementos: got %s, want the 3 default mementos", mem.raw)
	}

	if got := s.CurrentRefreshToken("42"); got != refresh {
		t.Errorf("CurrentRefreshToken: got %q, want %q", got, refresh)
	}
	counters := []struct {
		name      string
		got, want int
	}{
		{"TokenCalls", s.TokenCalls(), 1},
		{"CodesExchanged", s.CodesExchanged(), 1},
		{"Refreshes", s.Refreshes(), 0},
		{"RefreshCalls", s.RefreshCalls(), 0},
		{"AccountCalls", s.AccountCalls(), 1},
	}
	for _, c := range counters {
		if c.got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, c.got, c.want)
		}
	}
	last := s.LastTokenRequest()
	if got := last.Get("code_verifier"); got != testVerifier {
		t.Errorf("LastTokenRequest code_verifier: got %q, want %q", got, testVerifier)
	}
	last.Set("code", "mutated")
	if got := s.LastTokenRequest().Get("code"); got != code {
		t.Errorf("LastTokenRequest is not a copy: got %q, want %q", got, code)
	}
}

func TestConcurrentFlows(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := flowAndRefresh(s); err != nil {
				t.Error(err)
			}
			_ = s.TokenCalls()
			_ = s.LastTokenRequest()
		})
	}
	wg.Wait()
	wantCount(t, "CodesExchanged", s.CodesExchanged(), 8)
	wantCount(t, "Refreshes", s.Refreshes(), 8)
}

// flowAndRefresh signs in, calls the account endpoint and refreshes once,
// reporting failures as errors so it can run off the test goroutine.
func flowAndRefresh(s *Server) error {
	resp, err := noFollow.Get(s.AuthorizeURL() + "?" + authParams(s, nil).Encode())
	if err != nil {
		return err
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		return err
	}
	var tok struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	if err := postJSON(s.TokenURL(), codeForm(s, loc.Query().Get("code")), &tok); err != nil {
		return fmt.Errorf("exchange: %w", err)
	}
	req, _ := http.NewRequest(http.MethodGet, s.AccountURL(), nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err = noFollow.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("account: got %d, want 200", resp.StatusCode)
	}
	if err := postJSON(s.TokenURL(), refreshForm(s, tok.RefreshToken), &tok); err != nil {
		return fmt.Errorf("refresh: %w", err)
	}
	return nil
}

// postJSON posts form and decodes a 200 JSON answer into v.
func postJSON(u string, form url.Values, v any) error {
	resp, err := noFollow.PostForm(u, form)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("got status %d, want 200", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
