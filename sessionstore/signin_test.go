package sessionstore_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/sessions"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
	"github.com/rzauth/rememberizer-go/sessionstore"
)

const sessionCookie = "rememberizer_session"

// site is the fake Rememberizer and two instances of an app that keep
// sessions in the same gorilla store, as two processes would.
type site struct {
	fake      *rememberizertest.Server
	instances [2]*httptest.Server
	// setCookies are all Set-Cookie lines the app sent.
	setCookies []string
}

func newSite(t *testing.T, newStore func() sessions.Store) *site {
	t.Helper()
	s := &site{fake: rememberizertest.NewServer(rememberizertest.Config{})}
	t.Cleanup(s.fake.Close)
	for i := range s.instances {
		c, err := core.New(core.Config{
			ClientID:     s.fake.ClientID(),
			ClientSecret: s.fake.ClientSecret(),
			// Both instances serve one public origin; the test talks to either.
			RedirectURL: "http://localhost:8080/auth/rememberizer/callback",
			SessionKeys: [][]byte{[]byte("\xbe\x43\x40\x04\x9b\x97\xfa\x83\xe5\xe6\xec\xb9\x91\x66\x08\x6c\x5e\x1b\x7c\xbe\x20\x71\x00\xc7\x24\xaa\xd8\x76\x20\x01\x23\xba")},
			BaseURL:     s.fake.URL,
			Store:       sessionstore.NewGorillaStore(newStore()),
			Logger:      slog.New(slog.DiscardHandler),
		})
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		nethttp.Mount(mux, c)
		mux.Handle("/private", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			u, _ := core.UserFrom(r.Context())
			io.WriteString(w, "user="+u.ID)
		})))
		s.instances[i] = httptest.NewServer(mux)
		t.Cleanup(s.instances[i].Close)
	}
	return s
}

// do sends one request, follows no redirect, and keeps the app's
// Set-Cookie lines.
func (s *site) do(t *testing.T, method, rawURL string, cookies ...*http.Cookie) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/html")
	for _, c := range cookies {
		if c != nil {
			req.AddCookie(c)
		}
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.HasPrefix(rawURL, s.fake.URL) {
		s.setCookies = append(s.setCookies, resp.Header.Values("Set-Cookie")...)
	}
	return resp, string(body)
}

// signIn walks login → Rememberizer → callback on instance 0 with the
// browser's current session cookie, if any, and returns the new one.
func (s *site) signIn(t *testing.T, current *http.Cookie) *http.Cookie {
	t.Helper()
	app := s.instances[0].URL
	login, _ := s.do(t, "GET", app+"/auth/rememberizer/login?return_to=/private", current)
	authz, _ := s.do(t, "GET", login.Header.Get("Location"))
	cb, err := url.Parse(authz.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	done, _ := s.do(t, "GET", app+cb.RequestURI(), append(login.Cookies(), current)...)
	if done.StatusCode != http.StatusSeeOther || done.Header.Get("Location") != "/private" {
		t.Fatalf("callback: got %d to %q, want 303 to /private", done.StatusCode, done.Header.Get("Location"))
	}
	for _, c := range done.Cookies() {
		if c.Name == sessionCookie && c.MaxAge > 0 {
			return c
		}
	}
	t.Fatal("the callback set no session cookie")
	return nil
}

// signedIn reports whether instance i lets the cookie through to /private.
func (s *site) signedIn(t *testing.T, i int, c *http.Cookie) bool {
	t.Helper()
	resp, body := s.do(t, "GET", s.instances[i].URL+"/private", c)
	switch {
	case resp.StatusCode == http.StatusOK && body == "user=42":
		return true
	case resp.StatusCode == http.StatusFound && strings.Contains(resp.Header.Get("Location"), "/auth/rememberizer/login"):
		return false
	}
	t.Fatalf("/private on instance %d: got %d %q, want 200 or a redirect to login", i, resp.StatusCode, body)
	return false
}

func (s *site) logout(t *testing.T, c *http.Cookie) {
	t.Helper()
	resp, _ := s.do(t, "POST", s.instances[0].URL+"/auth/rememberizer/logout", c)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: got %d, want 303", resp.StatusCode)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie && ck.MaxAge < 0 {
			return
		}
	}
	t.Fatalf("logout did not expire the session cookie: %q", resp.Header.Values("Set-Cookie"))
}

// checkCookies checks every Set-Cookie the app sent against SECURITY.md
// S13, whatever the gorilla store's defaults.
func (s *site) checkCookies(t *testing.T) {
	t.Helper()
	if len(s.setCookies) == 0 {
		t.Fatal("the app set no cookie")
	}
	for _, line := range s.setCookies {
		c, err := http.ParseSetCookie(line)
		if err != nil {
			t.Fatalf("Set-Cookie %q: %v", line, err)
		}
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" || c.Secure {
			t.Fatalf("Set-Cookie %q: want HttpOnly, SameSite=Lax, Path=/, no Domain, no Secure (http)", line)
		}
	}
}

func TestGorillaSignInCookieStore(t *testing.T) {
	t.Parallel()
	s := newSite(t, func() sessions.Store { return sessions.NewCookieStore(hashKey, blockKey) })

	a := s.signIn(t, nil)
	if !s.signedIn(t, 0, a) || !s.signedIn(t, 1, a) {
		t.Fatal("a new session is not signed in on both instances")
	}
	s.logout(t, a)
	if s.signedIn(t, 0, a) {
		t.Fatal("the cookie replayed after logout is still signed in")
	}
	// A new sign-in in the same browser starts a new session: the old
	// cookie is refused where it was replaced. (On another instance a
	// copied CookieStore cookie lives until it expires; see GorillaStore.)
	b := s.signIn(t, nil)
	c := s.signIn(t, b)
	if c.Value == b.Value {
		t.Fatal("signing in again kept the session cookie")
	}
	if !s.signedIn(t, 0, c) || s.signedIn(t, 0, b) {
		t.Fatal("after signing in again: want the new cookie signed in and the old one out")
	}
	s.checkCookies(t)
}

func TestGorillaSignInFilesystemStore(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newSite(t, func() sessions.Store { return sessions.NewFilesystemStore(dir, hashKey, blockKey) })

	a := s.signIn(t, nil)
	filesA := sessionFiles(t, dir)
	if len(filesA) != 1 {
		t.Fatalf("after sign-in: got files %q, want only the session's (the pending login's is gone)", filesA)
	}
	if !s.signedIn(t, 0, a) || !s.signedIn(t, 1, a) {
		t.Fatal("a new session is not signed in on both instances")
	}
	s.logout(t, a)
	if got := sessionFiles(t, dir); len(got) != 0 {
		t.Fatalf("after logout: got files %q, want none", got)
	}
	// The record is gone, so the replayed cookie is signed out on the
	// other instance too, which never saw the logout.
	if s.signedIn(t, 0, a) || s.signedIn(t, 1, a) {
		t.Fatal("the cookie replayed after logout is still signed in")
	}

	// S14: signing in again with a session in the browser deletes the
	// old record and starts one under a new id.
	b := s.signIn(t, nil)
	filesB := sessionFiles(t, dir)
	c := s.signIn(t, b)
	filesC := sessionFiles(t, dir)
	if len(filesB) != 1 || len(filesC) != 1 || slices.Contains(filesC, filesB[0]) {
		t.Fatalf("signing in again: files before %q, after %q; want the old one replaced", filesB, filesC)
	}
	if !s.signedIn(t, 1, c) || s.signedIn(t, 1, b) {
		t.Fatal("after signing in again: want the new cookie signed in and the old one out, on either instance")
	}
	s.checkCookies(t)
}
