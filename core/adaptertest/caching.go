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
//     Cache-Control and answers "optional:" and the user id, if any;
//   - GET /cached-after-status, protected: sets the status 200 first
//     (net/http, Echo: WriteHeader; Gin, Fiber: ctx.Status), then the
//     same Cache-Control, and answers "cached".

func cachingScenarios() []scenario {
	return []scenario{
		{name: "NoStoreWhenSessionCookieSet", run: testNoStoreWhenCookieSet},
		{name: "OptionalPagesVaryOnCookie", run: testOptionalVary},
		{name: "NoStoreWhenCacheableAfterStatus", run: testNoStoreAfterStatus},
	}
}

// A handler that sets the status before marking the page public (Gin and
// Fiber buffer the status, so its headers still count) gets no-store all
// the same when the response sets the session cookie.
func testNoStoreAfterStatus(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	e.Clock.Advance(2 * time.Minute) // activity is written back
	r := b.Nav(e.URL + "/cached-after-status")
	if r.Status != http.StatusOK || r.Body != "cached" {
		t.Fatalf("GET /cached-after-status: got %d %q, want 200 cached", r.Status, r.Body)
	}
	expectNoStoreOnSessionWrite(t, e, r, "status set before Cache-Control, after two minutes (activity write-back)")
	e.Clock.Advance(2 * time.Hour) // the token is refreshed
	r = b.Nav(e.URL + "/cached-after-status")
	if r.Status != http.StatusOK {
		t.Fatalf("after a refresh: got %d %q, want 200", r.Status, r.Body)
	}
	expectNoStoreOnSessionWrite(t, e, r, "status set before Cache-Control, after a refresh")
}

func noStore(r *Resp) bool {
	return strings.Contains(r.Header.Get("Cache-Control"), "no-store")
}

// A page the app marked public may be cached while it carries no session
// cookie; once the response sets one (activity write-back, refresh), it
// is never cacheable, whatever the app said. Where sessions live in the
// browser, those writes must set the cookie; a server-side store writes
// the record instead, and its responses need set none.
func testNoStoreWhenCookieSet(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	r := b.Nav(e.URL + "/cached")
	if r.Status != http.StatusOK || r.Body != "cached" {
		t.Fatalf("GET /cached: got %d %q, want 200 cached", r.Status, r.Body)
	}
	if len(r.Header.Values("Set-Cookie")) != 0 || r.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("without a session cookie: got Set-Cookie %q and Cache-Control %q, want none and the app's", r.Header.Values("Set-Cookie"), r.Header.Get("Cache-Control"))
	}
	e.Clock.Advance(2 * time.Minute) // activity is written back
	r = b.Nav(e.URL + "/cached")
	if r.Status != http.StatusOK {
		t.Fatalf("after two minutes: got %d %q, want 200", r.Status, r.Body)
	}
	expectNoStoreOnSessionWrite(t, e, r, "after two minutes (activity write-back)")
	e.Clock.Advance(2 * time.Hour) // the token is refreshed
	r = b.Nav(e.URL + "/cached")
	if r.Status != http.StatusOK {
		t.Fatalf("after a refresh: got %d %q, want 200", r.Status, r.Body)
	}
	expectNoStoreOnSessionWrite(t, e, r, "after a refresh")
}

// expectNoStoreOnSessionWrite checks a response to a request that wrote
// the session: where sessions live in the browser it sets the session
// cookie; wherever it sets one, it is no-store.
func expectNoStoreOnSessionWrite(t *testing.T, e *Env, r *Resp, what string) {
	t.Helper()
	if r.SetCookie(e.CookieName("session")) == nil {
		if e.Setup.SessionInBrowser() {
			t.Fatalf("%s: no session Set-Cookie, want one (sessions live in the browser); headers %v", what, r.Header)
		}
		return
	}
	if !noStore(r) {
		t.Fatalf("%s: a response setting the session cookie has Cache-Control %q, want no-store", what, r.Header.Get("Cache-Control"))
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
	if r.Body != "optional:42" {
		t.Fatalf("signed in, two minutes later: got %q, want optional:42", r.Body)
	}
	expectNoStoreOnSessionWrite(t, e, r, "optional page after two minutes (activity write-back)")
}
