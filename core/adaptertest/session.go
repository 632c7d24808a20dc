package adaptertest

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

func sessionScenarios() []scenario {
	twoUsers := rememberizertest.Config{Users: []rememberizertest.User{
		{ID: "42", Email: "ada@example.com", Name: "Ada Lovelace"},
		{ID: "u-7", Email: "grace@example.com", Name: "Grace Hopper"},
	}}
	return []scenario{
		{name: "TamperedSessionCookie", run: testTampered},
		{name: "NoTokenInCookies", run: testNoTokenInCookie},
		{name: "NewSessionOnSignIn", opts: Options{Fake: twoUsers}, run: testFixation},
		{name: "IdleTimeout", run: testIdle},
		{name: "AbsoluteLifetime", opts: Options{Fake: rememberizertest.Config{TokenLifetime: 30 * 24 * time.Hour}}, run: testLifetime},
		{name: "APIClient", run: testAPIClient},
		{name: "LargeCookiesAndHeaders", run: testLargeHeaders},
	}
}

func expectSignedOut(t *testing.T, b *Browser, what string) {
	t.Helper()
	expectToSignIn(t, b.Nav("/private"), what)
}

// expectToSignIn stops the test unless r sends the browser to sign in.
func expectToSignIn(t *testing.T, r *Resp, what string) {
	t.Helper()
	if r.Status != http.StatusFound || !strings.HasPrefix(r.Location(), "/auth/rememberizer/login") {
		t.Fatalf("%s: got %d (Location %q), want 302 to login", what, r.Status, r.Location())
	}
}

func expectSignedIn(t *testing.T, b *Browser, want, what string) {
	t.Helper()
	r := b.Nav("/private")
	if r.Status != 200 || !strings.Contains(r.Body, want) {
		t.Fatalf("%s: got %d %q, want 200 with %q", what, r.Status, r.Body, want)
	}
}

func testTampered(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	name := e.CookieName("session")
	good := b.Cookies()
	v := good[name]
	for i := 0; i < len(v); i += 7 {
		bad := []byte(v)
		if bad[i] == 'A' {
			bad[i] = 'B'
		} else {
			bad[i] = 'A'
		}
		x := e.NewBrowser()
		x.SetCookies(map[string]string{name: string(bad)})
		r := x.Nav("/private")
		if r.Status != http.StatusFound {
			t.Fatalf("byte %d flipped: got %d, want 302 to sign in (never 500)", i, r.Status)
		}
	}
	// The value moved to the pending-login cookie's name does not open.
	x := e.NewBrowser()
	x.SetCookies(map[string]string{e.CookieName("login"): v})
	expectRefused(t, e, x, x.Nav("/auth/rememberizer/callback?state=a&code=b"), "session value as pending login", 1)
	expectSignedIn(t, b, "user=42", "the untouched cookie")
}

func testNoTokenInCookie(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	// The fake's live refresh token is one of the session's secrets.
	rt := e.Fake.CurrentRefreshToken("42")
	if rt == "" {
		t.Fatal("the fake issued no refresh token")
	}
	// Whole values only: a three-letter piece such as "Ada" turns up by
	// chance in a few hundred characters of ciphertext.
	for name, v := range b.Cookies() {
		raw, _ := base64.RawURLEncoding.DecodeString(v)
		for _, s := range []string{rt, rt[:12], "ada@example.com", "Ada Lovelace"} {
			if strings.Contains(v, s) || strings.Contains(string(raw), s) {
				t.Fatalf("cookie %s shows %q", name, s)
			}
		}
	}
}

func testFixation(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	asA := b.Cookies()
	if err := e.Fake.SetUser("u-7"); err != nil {
		t.Fatal(err)
	}
	b.MustSignIn()
	if b.Cookies()[e.CookieName("session")] == asA[e.CookieName("session")] {
		t.Fatal("the session cookie did not change on sign-in")
	}
	expectSignedIn(t, b, "user=u-7 email=grace@example.com", "after signing in as B")
	old := e.NewBrowser()
	old.SetCookies(asA)
	expectSignedOut(t, old, "A's old cookie after B signed in")
}

func testIdle(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	e.Clock.Advance(23 * time.Hour)
	// The token (1 h) has expired; using the session refreshes it.
	expectSignedIn(t, b, "user=42", "after 23 h idle")
	e.Clock.Advance(24*time.Hour + time.Second)
	expectSignedOut(t, b, "after 24 h idle")
}

func testLifetime(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	for i := 0; i < 7*2; i++ {
		e.Clock.Advance(12 * time.Hour)
		if i < 13 {
			expectSignedIn(t, b, "user=42", "active session")
		}
	}
	expectSignedOut(t, b, "after 7 days")
}

func testAPIClient(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	r := b.Nav("/mementos")
	if r.Status != 200 || !strings.Contains(r.Body, "Research notes") {
		t.Fatalf("API call: got %d %q, want 200 with the mementos", r.Status, r.Body)
	}
}

// testLargeHeaders: a signed-in browser with five sign-ins under way, each
// with a long return-to, sending browser-sized headers, is served like any
// other (no 431 from a small read buffer).
func testLargeHeaders(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	for i := 0; i < 5; i++ {
		b.StartLogin("/" + strings.Repeat(string(rune('a'+i)), 540))
	}
	total := 0
	for k, v := range b.Cookies() {
		total += len(k) + len(v)
	}
	if total < 3000 {
		t.Fatalf("cookies: %d bytes, want a realistic worst case over 3000", total)
	}
	r := b.Do("GET", "/private", map[string]string{
		"Accept":          "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
		"Accept-Language": "en-GB,en;q=0.9,fr;q=0.8,de;q=0.7",
		"User-Agent":      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
		"Referer":         e.URL + "/" + strings.Repeat("r", 500),
	})
	if r.Status != 200 || !strings.Contains(r.Body, "user=42") {
		t.Fatalf("large request: got %d %q, want 200", r.Status, r.Body)
	}
}
