package adaptertest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

func callbackScenarios() []scenario {
	return []scenario{
		{name: "ProviderErrorOnCallback", run: testProviderError},
		{name: "ReplayedCallback", run: testReplay},
		{name: "StateBoundToBrowser", run: testStateBinding},
		{name: "PendingLoginExpiry", opts: Options{Fake: rememberizertest.Config{CodeLifetime: time.Hour}}, run: testLoginExpiry},
		{name: "MalformedCallback", run: testMalformedCallback},
		{name: "WrongMethods", run: testWrongMethods},
	}
}

// expectRefused checks a refused callback: 4xx, no token call, no session.
func expectRefused(t *testing.T, e *Env, b *Browser, r *Resp, what string, tokenCalls int) {
	t.Helper()
	if r.Status < 400 || r.Status > 499 {
		t.Errorf("%s: got %d, want 4xx", what, r.Status)
	}
	if got := e.Fake.TokenCalls(); got != tokenCalls {
		t.Errorf("%s: token calls %d, want %d", what, got, tokenCalls)
	}
	if r.SetCookie(e.CookieName("session")) != nil && r.SetCookie(e.CookieName("session")).MaxAge >= 0 {
		t.Errorf("%s: a session cookie was set", what)
	}
	if _, ok := b.Cookies()[e.CookieName("session")]; ok {
		t.Errorf("%s: browser holds a session cookie", what)
	}
}

func withParam(rawURL, key, value string) string {
	u, _ := url.Parse(rawURL)
	q := u.Query()
	q.Set(key, value)
	return u.Path + "?" + q.Encode()
}

func testProviderError(t *testing.T, e *Env) {
	b := e.NewBrowser()
	cb := b.Authorize(b.StartLogin(""))
	u, _ := url.Parse(cb)
	state := u.Query().Get("state")
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3) call +1-555-0100`
	q := url.Values{"state": {state}, "error": {"access_denied"}, "error_description": {hostile}, "error_uri": {"javascript:alert(4)"}}
	e.Events.Reset()
	r := b.Do("GET", "/auth/rememberizer/callback?"+q.Encode(), map[string]string{"Accept": "text/html"})
	expectEvents(t, e, "access_denied", "sign_in_failed/denied")
	if r.Status != http.StatusForbidden {
		t.Fatalf("access_denied: got %d, want 403", r.Status)
	}
	for _, bad := range []string{"<script", "onerror", "javascript:", "555-0100"} {
		if strings.Contains(r.Body, bad) {
			t.Fatalf("error page echoes provider text %q: %q", bad, r.Body)
		}
	}
	if !strings.Contains(r.Body, "Sign-in was cancelled.") {
		t.Fatalf("error page: got %q, want the fixed cancel message", r.Body)
	}
	// The visitor's own choice: a neutral page with a way to try again,
	// not an error with a status.
	for _, want := range []string{"You chose not to sign in", `href="/auth/rememberizer/login">Try again</a>`} {
		if !strings.Contains(r.Body, want) {
			t.Fatalf("cancel page: got %q, want %q in it", r.Body, want)
		}
	}
	if strings.Contains(r.Body, "Error 403") || strings.Contains(r.Body, "Sign-in problem") {
		t.Fatalf("cancel page: got %q, want no error heading or status", r.Body)
	}
	expectRefused(t, e, b, r, "access_denied", 0)
	// The state died with the error: its code cannot be used now.
	expectRefused(t, e, b, b.Nav(cb), "code after access_denied", 0)
	if strings.Contains(e.Logs.String(), "onerror") || strings.Contains(e.Logs.String(), "555-0100") {
		t.Fatalf("provider text reached the log")
	}
	// An unknown error code is reported as unknown.
	cb2 := b.Authorize(b.StartLogin(""))
	u2, _ := url.Parse(cb2)
	q2 := url.Values{"state": {u2.Query().Get("state")}, "error": {"x\r\nforged=1"}}
	r2 := b.Do("GET", "/auth/rememberizer/callback?"+q2.Encode(), map[string]string{"Accept": "application/json"})
	if r2.Status < 400 || !strings.Contains(r2.Body, `"error":"invalid_callback"`) {
		t.Fatalf("control characters in error: got %d %q, want 4xx invalid_callback", r2.Status, r2.Body)
	}
	if strings.Contains(e.Logs.String(), "forged=1") {
		t.Fatalf("a forged log line got through")
	}
}

func testReplay(t *testing.T, e *Env) {
	b := e.NewBrowser()
	authz := b.StartLogin("")
	before := b.Cookies()
	cb := b.Authorize(authz)
	if r := b.Nav(cb); r.Status != http.StatusSeeOther {
		t.Fatalf("first callback: got %d, want 303", r.Status)
	}
	// The same browser again: its pending login is gone.
	r := b.Nav(cb)
	if r.Status < 400 || r.Status > 499 || e.Fake.TokenCalls() != 1 {
		t.Fatalf("replay: got %d with %d token calls, want 4xx and 1", r.Status, e.Fake.TokenCalls())
	}
	// A copy of the old pending-login cookie does not help either.
	x := e.NewBrowser()
	x.SetCookies(before)
	expectRefused(t, e, x, x.Nav(cb), "replay with the old cookie", 1)
}

func testStateBinding(t *testing.T, e *Env) {
	a, other := e.NewBrowser(), e.NewBrowser()
	cb := a.Authorize(a.StartLogin(""))
	other.StartLogin("") // other has a pending login of its own
	expectRefused(t, e, other, other.Nav(cb), "A's callback in B", 0)
	fresh := e.NewBrowser()
	expectRefused(t, e, fresh, fresh.Nav(cb), "no cookie", 0)

	u, _ := url.Parse(cb)
	state := u.Query().Get("state")
	flip := []byte(state)
	if flip[5] == 'A' {
		flip[5] = 'B'
	} else {
		flip[5] = 'A'
	}
	e.Events.Reset()
	expectRefused(t, e, a, a.Nav(withParam(cb, "state", string(flip))), "state flipped", 0)
	expectEvents(t, e, "a forged state", "sign_in_failed/state_mismatch")
	for name, s := range map[string]string{
		"truncated": state[:len(state)-1], "padded": state + "=", "space": state + " ", "empty": "",
	} {
		expectRefused(t, e, a, a.Nav(withParam(cb, "state", s)), "state "+name, 0)
	}
	// The genuine state still works afterwards.
	if r := a.Nav(cb); r.Status != http.StatusSeeOther {
		t.Fatalf("genuine callback after bad ones: got %d, want 303", r.Status)
	}
}

func testLoginExpiry(t *testing.T, e *Env) {
	ok, late := e.NewBrowser(), e.NewBrowser()
	cbOK := ok.Authorize(ok.StartLogin(""))
	cbLate := late.Authorize(late.StartLogin(""))
	e.Clock.Advance(9*time.Minute + 59*time.Second)
	if r := ok.Nav(cbOK); r.Status != http.StatusSeeOther {
		t.Fatalf("at 9m59s: got %d, want 303", r.Status)
	}
	calls := e.Fake.TokenCalls()
	e.Clock.Advance(2 * time.Second)
	expectRefused(t, e, late, late.Nav(cbLate), "at 10m01s", calls)
}

func testMalformedCallback(t *testing.T, e *Env) {
	b := e.NewBrowser()
	cb := b.Authorize(b.StartLogin(""))
	u, _ := url.Parse(cb)
	q := u.RawQuery
	for name, raw := range map[string]string{
		"repeated state": q + "&state=x",
		"repeated code":  q + "&code=x",
		"repeated iss":   q + "&iss=a&iss=b",
		"long code":      q + "&code=" + strings.Repeat("a", 3000),
		"NUL in code":    strings.Replace(q, "code=", "code=%00", 1),
		"huge URL":       q + "&junk=" + strings.Repeat("a", 9000),
		"wrong iss":      q + "&iss=https%3A%2F%2Fevil.example",
		"no code":        "state=" + url.QueryEscape(u.Query().Get("state")),
	} {
		x := e.NewBrowser()
		x.SetCookies(b.Cookies())
		expectRefused(t, e, x, x.Nav("/auth/rememberizer/callback?"+raw), name, 0)
	}
}

func testWrongMethods(t *testing.T, e *Env) {
	b := e.NewBrowser()
	for _, tt := range []struct{ method, path string }{
		{"POST", "/auth/rememberizer/callback"},
		{"POST", "/auth/rememberizer/login"},
		{"GET", "/auth/rememberizer/logout"},
	} {
		r := b.Do(tt.method, tt.path, nil)
		if r.Status != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: got %d, want 405", tt.method, tt.path, r.Status)
		}
	}
}
