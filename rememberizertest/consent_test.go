package rememberizertest

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// hiddenField matches the consent form's hidden inputs.
var hiddenField = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)

// consentPage fetches the consent page and returns its HTML and the form
// fields it would post.
func consentPage(t *testing.T, s *Server, extra url.Values) (string, url.Values) {
	t.Helper()
	resp := authorize(t, s, authParams(s, extra))
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("consent page: got %d %s, want 200", resp.StatusCode, body)
	}
	form := url.Values{}
	for _, m := range hiddenField.FindAllStringSubmatch(string(body), -1) {
		form.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	return string(body), form
}

// postConsent submits the consent form.
func postConsent(t *testing.T, s *Server, form url.Values) *http.Response {
	t.Helper()
	resp, err := noFollow.PostForm(s.AuthorizeURL(), form)
	if err != nil {
		t.Fatalf("POST authorize: %v", err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestConsentPageContent(t *testing.T) {
	t.Parallel()
	const hostile = `<script>alert("x")</script>`
	s := startServer(t, Config{ConsentPage: true, AppName: "Evil " + hostile})
	page, form := consentPage(t, s, url.Values{"state": {`"><img src=x onerror=alert(1)>` + hostile}})

	for _, want := range []string{
		`<title>Rememberizer (test server)</title>`,
		`<meta name="referrer" content="no-referrer">`,
		`id="approve"`,
		`id="deny"`,
		`Evil &lt;script&gt;`,
		`test-client-id`,
		`Research notes`,
		`name="memento" value="2" checked`,
		`Local test server`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	for _, bad := range []string{hostile, `<img src=x`, `<select`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q, want it escaped or absent", bad)
		}
	}
	if got, want := form.Get("state"), `"><img src=x onerror=alert(1)>`+hostile; got != want {
		t.Errorf("hidden state: got %q, want %q", got, want)
	}
	if got := form.Get("redirect_uri"); got != testRedirectURI {
		t.Errorf("hidden redirect_uri: got %q, want %q", got, testRedirectURI)
	}
	if got := s.CodesExchanged() + s.TokenCalls(); got != 0 {
		t.Errorf("token activity before consent: got %d, want 0", got)
	}
}

func TestConsentPageHeaders(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{ConsentPage: true})
	resp := authorize(t, s, authParams(s, nil))
	for k, want := range map[string]string{
		"Content-Type":    "text/html; charset=utf-8",
		"X-Frame-Options": "DENY",
		"Cache-Control":   "no-store",
		"Referrer-Policy": "no-referrer",
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s: got %q, want %q", k, got, want)
		}
	}
}

func TestConsentUserPicker(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{ConsentPage: true, Users: []User{
		{ID: "42", Email: "ada@example.com", Name: "Ada"},
		{ID: "7", Email: "grace@example.com", Name: "Grace"},
	}})
	if err := s.SetUser("7"); err != nil {
		t.Fatal(err)
	}
	page, _ := consentPage(t, s, nil)
	for _, want := range []string{`<select id="user" name="user">`, `<option value="7" selected>Grace`, `<option value="42">Ada`} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
}

func TestConsentApprove(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{ConsentPage: true, Users: []User{
		{ID: "42", Email: "ada@example.com", Name: "Ada"},
		{ID: "7", Email: "grace@example.com", Name: "Grace"},
	}})
	_, form := consentPage(t, s, url.Values{
		"state":                 {"s&1"},
		"code_challenge":        {testChallenge},
		"code_challenge_method": {"S256"},
	})
	form.Set("action", "approve")
	form.Set("user", "7")
	form["memento"] = []string{"2"}

	cb := callback(t, postConsent(t, s, form), http.StatusSeeOther)
	if got := cb.Get("state"); got != "s&1" {
		t.Errorf("state: got %q, want %q", got, "s&1")
	}
	tf := codeForm(s, cb.Get("code"))
	tf.Set("code_verifier", testVerifier)
	tok := postToken(t, s, tf)
	if tok.status != http.StatusOK {
		t.Fatalf("exchange: got %d %s, want 200", tok.status, tok.raw)
	}
	if got := apiGet(t, s.AccountURL(), tok.str("access_token")).str("name"); got != "Grace" {
		t.Errorf("account name: got %q, want Grace", got)
	}
	mem := apiGet(t, s.MementosURL(), tok.str("access_token"))
	var results []Memento
	if err := json.Unmarshal(mem.body["results"], &results); err != nil {
		t.Fatalf("decode %s: %v", mem.raw, err)
	}
	if len(results) != 1 || results[0].ID != 2 {
		t.Errorf("mementos: got %s, want only id 2", mem.raw)
	}
}

func TestConsentPost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		edit       func(f url.Values)
		wantStatus int
		wantError  string // "" with 303 means a code
	}{
		{"deny", func(f url.Values) { f.Set("action", "deny") }, http.StatusSeeOther, "access_denied"},
		{"approve with no mementos", func(f url.Values) { f.Set("action", "approve"); f.Del("memento") }, http.StatusSeeOther, ""},
		{"no action", func(f url.Values) { f.Del("action") }, http.StatusSeeOther, "invalid_request"},
		{"unknown memento", func(f url.Values) { f.Set("action", "approve"); f.Set("memento", "99") }, http.StatusSeeOther, "invalid_request"},
		{"unknown user", func(f url.Values) { f.Set("action", "approve"); f.Set("user", "99") }, http.StatusSeeOther, "invalid_request"},
		{"tampered response_type", func(f url.Values) { f.Set("action", "approve"); f.Set("response_type", "token") }, http.StatusSeeOther, "unsupported_response_type"},
		{"tampered client_id", func(f url.Values) { f.Set("action", "approve"); f.Set("client_id", "evil") }, http.StatusBadRequest, ""},
		{"tampered redirect_uri", func(f url.Values) { f.Set("action", "approve"); f.Set("redirect_uri", "/x") }, http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{ConsentPage: true})
			_, form := consentPage(t, s, url.Values{"state": {"keep me"}})
			form.Set("memento", "1")
			tt.edit(form)
			resp := postConsent(t, s, form)
			if tt.wantStatus == http.StatusBadRequest {
				if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
					t.Errorf("got %d Location=%q, want 400 and no redirect", resp.StatusCode, resp.Header.Get("Location"))
				}
				return
			}
			cb := callback(t, resp, tt.wantStatus)
			if got := cb.Get("error"); got != tt.wantError {
				t.Errorf("error: got %q, want %q", got, tt.wantError)
			}
			if got := cb.Get("state"); got != "keep me" {
				t.Errorf("state: got %q, want %q", got, "keep me")
			}
			if got := cb.Get("code") != ""; got != (tt.wantError == "") {
				t.Errorf("code present: got %v, want %v", got, tt.wantError == "")
			}
		})
	}
}

// TestConsentPageLook: the consent page uses the demo apps' colours, and
// shows the callback URL on a line of its own that scrolls rather than
// wrapping mid-word.
func TestConsentPageLook(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{ConsentPage: true})
	page, _ := consentPage(t, s, nil)
	for _, want := range []string{"#5b3df5", "#f6f7fb", `<code class="url" id="redirect-uri">` + testRedirectURI + `</code>`, "white-space:nowrap"} {
		if !strings.Contains(page, want) {
			t.Errorf("consent page lacks %q", want)
		}
	}
	for _, bad := range []string{"break-all", "#1f6feb"} {
		if strings.Contains(page, bad) {
			t.Errorf("consent page has %q", bad)
		}
	}
}
