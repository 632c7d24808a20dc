package adaptertest

import (
	"net/http"
	"testing"
)

func logoutScenarios() []scenario {
	return []scenario{
		{name: "Logout", run: testLogout},
		{name: "LogoutCrossSiteRefused", run: testLogoutCrossSite},
	}
}

func testLogout(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	before := b.Cookies()
	e.Events.Reset()
	r := b.Do("POST", "/auth/rememberizer/logout?return_to=/bye", map[string]string{"Origin": e.URL})
	expectEvents(t, e, "sign-out", "session_ended/sign_out")
	if r.Status != http.StatusSeeOther || r.Location() != "/bye" {
		t.Fatalf("logout: got %d %q, want 303 /bye", r.Status, r.Location())
	}
	expectSignedOut(t, b, "after logout")
	old := e.NewBrowser()
	old.SetCookies(before)
	expectSignedOut(t, old, "the old cookie replayed after logout")
	if r := b.Do("POST", "/auth/rememberizer/logout?return_to=//evil.com", map[string]string{"Origin": e.URL}); r.Location() != "/" {
		t.Fatalf("logout return_to: got %q, want /", r.Location())
	}
}

func testLogoutCrossSite(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	for name, h := range map[string]map[string]string{
		"foreign origin":   {"Origin": "https://evil.example"},
		"cross-site fetch": {"Sec-Fetch-Site": "cross-site"},
		"same-site fetch":  {"Sec-Fetch-Site": "same-site"},
		"null origin":      {"Origin": "null"},
	} {
		r := b.Do("POST", "/auth/rememberizer/logout", h)
		if r.Status != http.StatusForbidden {
			t.Errorf("%s: got %d, want 403", name, r.Status)
		}
	}
	expectSignedIn(t, b, "user=42", "after refused logouts")
}
