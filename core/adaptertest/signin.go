package adaptertest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func signInScenarios() []scenario {
	return []scenario{
		{name: "SignInThenProtectedPage", run: testSignIn},
		{name: "ReturnToHonoured", run: testReturnTo},
		{name: "UnsafeReturnToBecomesRoot", run: testUnsafeReturnTo},
		{name: "ReturnToSecurityVectors", run: testReturnToVectors},
		{name: "ParallelTabs", run: testParallelTabs},
		{name: "CookieAttributesHTTPS", opts: Options{TLS: true}, run: testCookieAttributes},
		{name: "CookieAttributesLoopbackHTTP", run: testCookieAttributes},
		{name: "PKCE", run: testPKCE},
		{name: "RedirectURIFromConfigOnly", run: testRedirectURI},
		{name: "SignedOutNavigationVersusAPI", run: testSignedOut},
		{name: "AuthResponsesNotCached", run: testNoStore},
	}
}

func testSignIn(t *testing.T, e *Env) {
	b := e.NewBrowser()
	r := b.Nav("/private?x=1")
	if r.Status != http.StatusFound {
		t.Fatalf("signed-out /private: got %d, want 302", r.Status)
	}
	login := r.Location()
	if want := "/auth/rememberizer/login?return_to=" + url.QueryEscape("/private?x=1"); login != want {
		t.Fatalf("redirect: got %q, want %q", login, want)
	}
	authz := b.Authorize(b.Nav(login).Location())
	cb := b.Nav(authz)
	if cb.Status != http.StatusSeeOther || cb.Location() != "/private?x=1" {
		t.Fatalf("callback: got %d %q, want 303 /private?x=1", cb.Status, cb.Location())
	}
	if strings.Contains(cb.Location(), "code") || strings.Contains(cb.Location(), "state") {
		t.Fatalf("callback Location %q leaks code or state", cb.Location())
	}
	p := b.Nav(cb.Location())
	if p.Status != 200 || p.Body != "user=42 email=ada@example.com" {
		t.Fatalf("protected page: got %d %q, want 200 user=42 email=ada@example.com", p.Status, p.Body)
	}
	me := b.Do("GET", "/api/me", map[string]string{"Accept": "application/json"})
	var u struct{ ID, Email, Name string }
	if err := json.Unmarshal([]byte(me.Body), &u); err != nil || u.Name != "Ada Lovelace" {
		t.Fatalf("/api/me: got %d %q, want Ada's account", me.Status, me.Body)
	}
	if got := e.Fake.CodesExchanged(); got != 1 {
		t.Fatalf("codes exchanged: got %d, want 1", got)
	}
	if got := e.Fake.AccountCalls(); got != 1 {
		t.Fatalf("account calls: got %d, want 1", got)
	}
	if _, ok := b.Cookies()[e.CookieName("login")]; ok {
		t.Fatalf("pending-login cookie still set after the callback")
	}
	expectEvents(t, e, "sign-in", "sign_in_started", "sign_in_succeeded")
}

func testReturnTo(t *testing.T, e *Env) {
	for _, rt := range []string{"/dashboard?tab=settings", "/a/b?c=d&e=f", "/search?q=a%20b", "/%E2%9C%93"} {
		b := e.NewBrowser()
		r := b.SignIn(rt)
		if r.Status != http.StatusSeeOther || r.Location() != rt {
			t.Errorf("return_to %q: got %d %q, want 303 %q", rt, r.Status, r.Location(), rt)
		}
	}
}

func testUnsafeReturnTo(t *testing.T, e *Env) {
	for _, rt := range []string{"//evil.com", "https://evil.com/", "/\\evil.com", "/auth/rememberizer/callback?code=x&state=y", "javascript:alert(1)"} {
		b := e.NewBrowser()
		r := b.SignIn(rt)
		if r.Status != http.StatusSeeOther || r.Location() != "/" {
			t.Errorf("return_to %q: got %d %q, want 303 /", rt, r.Status, r.Location())
		}
	}
	// A repeated return_to is refused whole.
	b := e.NewBrowser()
	login := b.Nav("/auth/rememberizer/login?return_to=/a&return_to=//evil")
	r := b.Nav(b.Authorize(login.Location()))
	if r.Location() != "/" {
		t.Errorf("duplicate return_to: got %q, want /", r.Location())
	}
}

func testParallelTabs(t *testing.T, e *Env) {
	b := e.NewBrowser()
	a1 := b.StartLogin("/one")
	a2 := b.StartLogin("/two")
	cb1 := b.Authorize(a1)
	cb2 := b.Authorize(a2)
	if r := b.Nav(cb2); r.Status != http.StatusSeeOther || r.Location() != "/two" {
		t.Fatalf("second tab: got %d %q, want 303 /two", r.Status, r.Location())
	}
	if r := b.Nav(cb1); r.Status != http.StatusSeeOther || r.Location() != "/one" {
		t.Fatalf("first tab: got %d %q, want 303 /one", r.Status, r.Location())
	}
}

func testCookieAttributes(t *testing.T, e *Env) {
	secure := strings.HasPrefix(e.URL, "https:")
	b := e.NewBrowser()
	login := b.Nav("/auth/rememberizer/login")
	cb := b.Nav(b.Authorize(login.Location()))
	check := func(r *Resp, name string, deleted bool) {
		t.Helper()
		c := r.SetCookie(name)
		if c == nil {
			t.Fatalf("no Set-Cookie %s in %q", name, r.Header.Values("Set-Cookie"))
		}
		if !c.HttpOnly || c.Path != "/" || c.Domain != "" || c.SameSite != http.SameSiteLaxMode || c.Secure != secure {
			t.Errorf("%s: got HttpOnly=%v Path=%q Domain=%q SameSite=%v Secure=%v, want HttpOnly Path=/ no Domain Lax Secure=%v",
				name, c.HttpOnly, c.Path, c.Domain, c.SameSite, c.Secure, secure)
		}
		if deleted != (c.MaxAge < 0) {
			t.Errorf("%s: got MaxAge %d, want deleted=%v", name, c.MaxAge, deleted)
		}
		if secure != strings.HasPrefix(name, "__Host-") {
			t.Errorf("%s: __Host- prefix must be used exactly when the app is https", name)
		}
	}
	check(login, e.CookieName("login"), false)
	check(cb, e.CookieName("session"), false)
	check(cb, e.CookieName("login"), true)
	out := b.Logout()
	check(out, e.CookieName("session"), true)
}

func testPKCE(t *testing.T, e *Env) {
	b := e.NewBrowser()
	authz := b.StartLogin("")
	u, err := url.Parse(authz)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) != 43 {
		t.Fatalf("authorize URL: got method %q challenge %q, want S256 and 43 chars", q.Get("code_challenge_method"), q.Get("code_challenge"))
	}
	if q.Has("code_verifier") || q.Get("response_type") != "code" || q.Get("scope") != "offline_access" || len(q.Get("state")) < 43 {
		t.Fatalf("authorize URL params wrong: %v", q)
	}
	if r := b.Nav(b.Authorize(authz)); r.Status != http.StatusSeeOther {
		t.Fatalf("callback: got %d, want 303", r.Status)
	}
	form := e.Fake.LastTokenRequest()
	sum := sha256.Sum256([]byte(form.Get("code_verifier")))
	if base64.RawURLEncoding.EncodeToString(sum[:]) != q.Get("code_challenge") {
		t.Fatalf("token request verifier does not match the challenge")
	}
	if form.Get("client_secret") != e.Fake.ClientSecret() || form.Get("client_id") != e.Fake.ClientID() || form.Get("grant_type") != "authorization_code" {
		t.Fatalf("token request: client credentials must be in the body with grant_type; got %v", form)
	}
	// Code injection: a code issued to browser V, replayed in browser X's
	// flow, fails at the token endpoint (X's verifier does not match).
	v, x := e.NewBrowser(), e.NewBrowser()
	vcb, _ := url.Parse(v.Authorize(v.StartLogin("")))
	xcb, _ := url.Parse(x.Authorize(x.StartLogin("")))
	injected := xcb.Query()
	injected.Set("code", vcb.Query().Get("code"))
	r := x.Nav("/auth/rememberizer/callback?" + injected.Encode())
	if r.Status < 400 || r.Status > 499 {
		t.Fatalf("injected code: got %d, want 4xx", r.Status)
	}
	if _, ok := x.Cookies()[e.CookieName("session")]; ok {
		t.Fatalf("injected code produced a session")
	}
}

func testRedirectURI(t *testing.T, e *Env) {
	b := e.NewBrowser()
	r := b.Do("GET", "/auth/rememberizer/login", map[string]string{
		"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", "Forwarded": "host=evil.example",
	})
	u, _ := url.Parse(r.Location())
	want := e.URL + "/auth/rememberizer/callback"
	if got := u.Query().Get("redirect_uri"); got != want {
		t.Fatalf("redirect_uri: got %q, want %q", got, want)
	}
	if cb := b.Nav(b.Authorize(r.Location())); cb.Status != http.StatusSeeOther {
		t.Fatalf("callback: got %d, want 303", cb.Status)
	}
	if got := e.Fake.LastTokenRequest().Get("redirect_uri"); got != want {
		t.Fatalf("token request redirect_uri: got %q, want %q", got, want)
	}
}

func testSignedOut(t *testing.T, e *Env) {
	b := e.NewBrowser()
	tests := []struct {
		name     string
		method   string
		path     string
		header   map[string]string
		redirect bool
	}{
		{"navigation", "GET", "/private?a=1", map[string]string{"Accept": "text/html"}, true},
		{"head navigation", "HEAD", "/private", map[string]string{"Accept": "text/html"}, true},
		{"json", "GET", "/api/me", map[string]string{"Accept": "application/json"}, false},
		{"no accept", "GET", "/private", nil, false},
		{"xhr", "GET", "/private", map[string]string{"Accept": "text/html", "X-Requested-With": "XMLHttpRequest"}, false},
		{"fetch", "GET", "/private", map[string]string{"Accept": "text/html", "Sec-Fetch-Mode": "cors"}, false},
		{"post", "POST", "/private", map[string]string{"Accept": "text/html"}, false},
	}
	for _, tt := range tests {
		r := b.Do(tt.method, tt.path, tt.header)
		if tt.redirect {
			want := "/auth/rememberizer/login?return_to=" + url.QueryEscape(tt.path)
			if r.Status != http.StatusFound || r.Location() != want {
				t.Errorf("%s: got %d %q, want 302 %q", tt.name, r.Status, r.Location(), want)
			}
			continue
		}
		if r.Status != http.StatusUnauthorized || r.Location() != "" {
			t.Errorf("%s: got %d Location %q, want 401 and no Location", tt.name, r.Status, r.Location())
		}
		var body struct{ Error string }
		if err := json.Unmarshal([]byte(r.Body), &body); err != nil || body.Error != "not_signed_in" {
			t.Errorf("%s: body %q, want JSON error not_signed_in", tt.name, r.Body)
		}
	}
	if r := b.Nav("/public"); r.Status != 200 || r.Body != "public" {
		t.Errorf("public page: got %d %q", r.Status, r.Body)
	}
}

func testNoStore(t *testing.T, e *Env) {
	b := e.NewBrowser()
	login := b.Nav("/auth/rememberizer/login")
	cb := b.Nav(b.Authorize(login.Location()))
	for name, r := range map[string]*Resp{"login": login, "callback": cb} {
		if r.Header.Get("Cache-Control") != "no-store" || r.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: Cache-Control %q Referrer-Policy %q, want no-store and no-referrer", name,
				r.Header.Get("Cache-Control"), r.Header.Get("Referrer-Policy"))
		}
	}
}
