package adaptertest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Caching (SECURITY.md S25). Each adapter's test app serves:
//   - GET /cached, protected: sets Cache-Control "public, max-age=300"
//     and answers "cached";
//   - GET /optional, behind OptionalRememberizer: sets the same
//     Cache-Control and answers "optional:" and the user id, if any.

func cachingScenarios() []scenario {
	return []scenario{
		{name: "NoStoreWhenSessionCookieSet", run: testNoStoreWhenCookieSet},
		{name: "OptionalPagesVaryOnCookie", run: testOptionalVary},
	}
}

func noStore(r *Resp) bool {
	return strings.Contains(r.Header.Get("Cache-Control"), "no-store")
}

// A page the app marked public may be cached while it carries no session
// cookie; once the response sets one (activity write-back, refresh), it
// is never cacheable, whatever the app said.
func testNoStoreWhenCookieSet(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	r := b.Nav(e.URL + "/cached")
	if r.Status != http.StatusOK || r.Body != "cached" {
		t.Fatalf("GET /cached: got %d %q, want 200 cached", r.Status, r.Body)
	}
	if len(r.Header.Values("Set-Cookie")) != 0 || r.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("without a session cookie: got Set-Cookie %q and Cache-Control %q, want none and the app's", r.Header.Values("Set-Cookie"), r.Header.Get("Cache-Control"))
	}
	e.Clock.Advance(2 * time.Minute) // activity is written back: a Set-Cookie
	r = b.Nav(e.URL + "/cached")
	if r.SetCookie(e.CookieName("session")) == nil {
		t.Fatalf("after two minutes: no session Set-Cookie (activity write-back); headers %v", r.Header)
	}
	if !noStore(r) {
		t.Fatalf("a response setting the session cookie has Cache-Control %q, want no-store", r.Header.Get("Cache-Control"))
	}
	e.Clock.Advance(2 * time.Hour) // the token is refreshed: a Set-Cookie
	r = b.Nav(e.URL + "/cached")
	if r.Status != http.StatusOK || r.SetCookie(e.CookieName("session")) == nil || !noStore(r) {
		t.Fatalf("after a refresh: got %d, Set-Cookie %q, Cache-Control %q; want 200, a session cookie, no-store", r.Status, r.Header.Values("Set-Cookie"), r.Header.Get("Cache-Control"))
	}
}

// Pages whose content depends on the optional session say so.
func testOptionalVary(t *testing.T, e *Env) {
	anon := e.NewBrowser().Nav(e.URL + "/optional")
	if anon.Status != http.StatusOK || anon.Body != "optional:" {
		t.Fatalf("signed out: got %d %q, want 200 optional:", anon.Status, anon.Body)
	}
	b := e.signedInBrowser()
	in := b.Nav(e.URL + "/optional")
	if in.Body != "optional:42" {
		t.Fatalf("signed in: got %q, want optional:42", in.Body)
	}
	for name, r := range map[string]*Resp{"signed out": anon, "signed in": in} {
		if !strings.Contains(r.Header.Get("Vary"), "Cookie") {
			t.Fatalf("%s: Vary %q, want Cookie", name, r.Header.Get("Vary"))
		}
	}
	e.Clock.Advance(2 * time.Minute)
	r := b.Nav(e.URL + "/optional")
	if r.SetCookie(e.CookieName("session")) == nil || !noStore(r) {
		t.Fatalf("optional page setting the session cookie: Set-Cookie %q, Cache-Control %q; want a cookie and no-store", r.Header.Values("Set-Cookie"), r.Header.Get("Cache-Control"))
	}
}
