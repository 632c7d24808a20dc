package adaptertest

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
)

// A refused refresh ends the user's sessions (SECURITY.md S28, S29).

func revocationScenarios() []scenario {
	return []scenario{
		{name: "RefusedRefreshEndsEverySession", run: testRefusedRefreshEndsEverySession},
		{name: "EndSessionsEverywhere", run: testEndSessions},
		{name: "DeleteGrantEndsSessions", run: testDeleteGrant},
	}
}

// testEndSessions: the app ends every session of a user. Where a Store or
// GrantStore keeps the mark, both of the user's browsers are signed out at
// their next request, spending no refresh token, and signing in again
// works; with only the browser's cookie, EndSessions says what to
// configure and nobody is signed out.
func testEndSessions(t *testing.T, e *Env) {
	a, b := e.signedInBrowser(), e.signedInBrowser()
	e.Events.Reset()
	err := e.Client.EndSessions(context.Background(), "42")
	if !e.Setup.ServerSide() {
		if !errors.Is(err, core.ErrInvalidConfig) {
			t.Fatalf("EndSessions with sessions in the browser only: got %v, want ErrInvalidConfig", err)
		}
		expectSignedIn(t, a, "user=42", "A after a refused EndSessions")
		return
	}
	if err != nil {
		t.Fatalf("EndSessions: %v", err)
	}
	expectToSignIn(t, a.Nav("/private"), "A after EndSessions")
	expectEvents(t, e, "EndSessions", "session_ended/ended_everywhere")
	if api := b.Do("GET", "/api/me", apiCall); api.Status != http.StatusUnauthorized {
		t.Fatalf("B's API call after EndSessions: got %d %q, want 401", api.Status, api.Body)
	}
	wantFakeCount(t, "refresh calls", e.Fake.RefreshCalls(), 0)
	a.MustSignIn()
	expectSignedIn(t, a, "user=42", "A signed in again")
}

// testDeleteGrant: with a grant store, DeleteGrant ends the user's
// sessions and background access; a later sign-in works. Without one it
// changes nothing.
func testDeleteGrant(t *testing.T, e *Env) {
	a := e.signedInBrowser()
	ctx := context.Background()
	if err := e.Client.DeleteGrant(ctx, "42"); err != nil {
		t.Fatalf("DeleteGrant: %v", err)
	}
	if !e.Setup.GrantStore {
		expectSignedIn(t, a, "user=42", "without a grant store")
		return
	}
	expectToSignIn(t, a.Nav("/private"), "after DeleteGrant")
	if _, err := e.Client.HTTPClientFor(ctx, "42"); !errors.Is(err, core.ErrNoGrant) {
		t.Fatalf("background access after DeleteGrant: got %v, want ErrNoGrant", err)
	}
	a.MustSignIn()
	if r := a.Nav("/mementos"); r.Status != http.StatusOK {
		t.Fatalf("the API after signing in again: got %d %q, want 200", r.Status, r.Body)
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
