package adaptertest

import (
	"net/http"
	"testing"
	"time"
)

// A refused refresh ends the user's sessions (SECURITY.md S28, S29).

func revocationScenarios() []scenario {
	return []scenario{
		{name: "RefusedRefreshEndsEverySession", run: testRefusedRefreshEndsEverySession},
	}
}

// testRefusedRefreshEndsEverySession: browsers A and B are signed in as
// the same user when the user disconnects the app in Rememberizer. A's
// refresh is refused (invalid_grant): A is signed out. Where there is a
// server-side place to record that (a Store or a GrantStore), B is signed
// out too without another refresh call; with only the browser's cookie, B
// finds out at its own refused refresh. After that nobody spends another
// refresh call, and the cookies A and B held before, sent again, open
// nothing.
func testRefusedRefreshEndsEverySession(t *testing.T, e *Env) {
	a, b := e.signedInBrowser(), e.signedInBrowser()
	aOld, bOld := a.Cookies(), b.Cookies()
	e.Fake.Disconnect("42")
	e.Clock.Advance(time.Hour + time.Minute) // the fake's tokens live 1 h

	r := a.Nav("/private")
	expectToSignIn(t, r, "A after the refused refresh")
	if c := r.SetCookie(e.CookieName("session")); c == nil || c.MaxAge >= 0 {
		t.Fatalf("A after the refused refresh: session Set-Cookie %v, want it expired (Max-Age < 0)", c)
	}
	wantFakeCount(t, "refresh calls after A", e.Fake.RefreshCalls(), 1)

	expectToSignIn(t, b.Nav("/private"), "B after A's refused refresh")
	want := 2 // B's own refresh is refused
	if e.Setup.ServerSide() {
		want = 1 // the server side knows already
	}
	wantFakeCount(t, "refresh calls after B", e.Fake.RefreshCalls(), want)

	expectToSignIn(t, a.Nav("/private"), "A again")
	expectToSignIn(t, b.Nav("/private"), "B again")
	if api := b.Do("GET", "/api/me", apiCall); api.Status != http.StatusUnauthorized {
		t.Fatalf("B's API call: got %d %q, want 401", api.Status, api.Body)
	}
	wantFakeCount(t, "refresh calls after A and B again", e.Fake.RefreshCalls(), want)

	// The cookies they held before, as a tab that missed the Set-Cookie
	// would send them: signed out (S29), and where the server side keeps
	// the mark, without another refresh call.
	for name, old := range map[string]map[string]string{"A's old cookie": aOld, "B's old cookie": bOld} {
		x := e.NewBrowser()
		x.SetCookies(old)
		expectToSignIn(t, x.Nav("/private"), name)
	}
	if e.Setup.ServerSide() {
		wantFakeCount(t, "refresh calls after the old cookies", e.Fake.RefreshCalls(), want)
	}
}
