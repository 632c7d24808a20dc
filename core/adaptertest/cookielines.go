package adaptertest

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func cookieLineScenarios() []scenario {
	return []scenario{
		{name: "CookieHeaderLines", run: testCookieHeaderLines},
	}
}

// sendCookieLines sends a request to the app whose cookies are in the
// given Cookie header lines, one line each, as HTTP/2 clients and some
// proxies send them; the browser's own cookies are not sent.
func (b *Browser) sendCookieLines(method, path string, header map[string]string, lines ...string) *Resp {
	b.env.T.Helper()
	req, err := http.NewRequest(method, b.env.URL+path, nil)
	if err != nil {
		b.env.T.Fatalf("new request %s %s: %v", method, path, err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	req.Header["Cookie"] = lines
	resp, err := b.hc.Do(req)
	if err != nil {
		b.env.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return &Resp{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

// testCookieHeaderLines sends the library's cookies in Cookie header lines
// of their own, after others: every adapter reads every line, as net/http
// does, and takes the first cookie of a name across all lines.
func testCookieHeaderLines(t *testing.T, e *Env) {
	nav := map[string]string{"Accept": "text/html"}
	session := e.CookieName("session")
	b := e.signedInBrowser()
	good := b.Cookies()[session]
	if good == "" {
		t.Fatal("sign-in set no session cookie")
	}

	tests := []struct {
		name     string
		lines    []string
		signedIn bool
	}{
		{"session on the second line", []string{"theme=dark; lang=en", session + "=" + good}, true},
		{"session on the third line", []string{"a=1", "b=2", session + "=" + good}, true},
		{"good value first, another after", []string{session + "=" + good, session + "=bogus"}, true},
		{"another value first, good after", []string{session + "=bogus", session + "=" + good}, false},
	}
	for _, tt := range tests {
		r := b.sendCookieLines("GET", "/private", nav, tt.lines...)
		switch {
		case tt.signedIn && (r.Status != http.StatusOK || !strings.Contains(r.Body, "user=42")):
			t.Fatalf("%s: got %d %q, want 200 for user 42", tt.name, r.Status, r.Body)
		case !tt.signedIn && r.Status != http.StatusFound:
			t.Fatalf("%s: got %d %q, want 302 to sign in (the first value is the one read)", tt.name, r.Status, r.Body)
		}
	}

	// A sign-in whose pending-login cookie comes on a line of its own.
	x := e.NewBrowser()
	callback := x.Authorize(x.StartLogin("/after"))
	login := e.CookieName("login")
	pending := x.Cookies()[login]
	if pending == "" {
		t.Fatal("login set no pending-login cookie")
	}
	path := strings.TrimPrefix(callback, e.URL)
	r := x.sendCookieLines("GET", path, nav, "theme=dark", login+"="+pending)
	if r.Status != http.StatusSeeOther || r.Location() != "/after" {
		t.Fatalf("callback with the login cookie on the second line: got %d %q, want 303 to /after", r.Status, r.Location())
	}
	if r.SetCookie(session) == nil {
		t.Fatal("callback with the login cookie on the second line set no session cookie")
	}
}
