package adaptertest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/internal/parallel"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

func refreshScenarios() []scenario {
	return []scenario{
		{name: "RefreshWithRotation", run: testRefreshRotation},
		{name: "ConcurrentRefreshOnce", run: testConcurrentRefresh},
		{name: "InvalidGrantSignsOut", run: testInvalidGrant},
		{name: "TransientRefreshFailure", run: testTransientRefresh},
		{name: "UnknownExpiryRefreshesOn401", opts: Options{Fake: rememberizertest.Config{OmitExpiresIn: true}}, run: testRefreshOn401},
	}
}

func testRefreshRotation(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	first := e.Fake.CurrentRefreshToken("42")
	e.Clock.Advance(59*time.Minute + 45*time.Second) // within the 30 s skew
	e.Events.Reset()
	r := b.Nav("/private")
	expectEvents(t, e, "a refresh near expiry", "refreshed/near_expiry/ok")
	if r.Status != 200 || e.Fake.Refreshes() != 1 {
		t.Fatalf("near expiry: got %d with %d refreshes, want 200 and 1", r.Status, e.Fake.Refreshes())
	}
	// Tokens that travel in the cookie go back in it; elsewhere they are
	// stored server-side, which the second refresh below proves.
	if e.Setup.TokensInBrowser() && r.SetCookie(e.CookieName("session")) == nil {
		t.Fatal("the refreshed tokens were not written back to the session cookie")
	}
	if e.Fake.CurrentRefreshToken("42") == first {
		t.Fatal("the fake did not rotate the refresh token")
	}
	// The rotated refresh token was persisted: a second refresh works.
	e.Clock.Advance(time.Hour)
	expectSignedIn(t, b, "user=42", "second refresh")
	wantFakeCount(t, "refreshes", e.Fake.Refreshes(), 2)
	// No refresh while the token is fresh.
	expectSignedIn(t, b, "user=42", "fresh token")
	wantFakeCount(t, "refresh calls", e.Fake.RefreshCalls(), 2)
}

// A protected page that makes no API call (GET /private) refreshes an
// expired token before its handler runs, once for 50 requests at the same
// time, in every store configuration.
func testConcurrentRefresh(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	e.Clock.Advance(time.Hour + time.Minute)
	statuses := parallel.Statuses(t, 50, func(int) (int, error) {
		r, err := b.Try("GET", "/private", map[string]string{"Accept": "text/html"})
		if err != nil {
			return 0, err
		}
		return r.Status, nil
	})
	for i, s := range statuses {
		if s != 200 {
			t.Fatalf("request %d: got %d, want 200", i, s)
		}
	}
	if got := e.Fake.RefreshCalls(); got != 1 {
		t.Fatalf("refresh calls: got %d, want exactly 1", got)
	}
}

func testInvalidGrant(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	e.Fake.Disconnect("42")
	e.Clock.Advance(2 * time.Hour)
	e.Events.Reset()
	r := b.Nav("/private")
	if r.Status != http.StatusFound {
		t.Fatalf("after invalid_grant: got %d, want 302 to sign in", r.Status)
	}
	expectGrantRevoked(t, e, "a refused refresh")
	expectEvents(t, e, "a refused refresh", "refreshed/near_expiry/refused", "session_ended/revoked")
	if c := r.SetCookie(e.CookieName("session")); c == nil || c.MaxAge >= 0 {
		t.Fatal("the session cookie was not deleted")
	}
	wantFakeCount(t, "refresh calls", e.Fake.RefreshCalls(), 1)
	api := b.Do("GET", "/api/me", map[string]string{"Accept": "application/json"})
	if api.Status != http.StatusUnauthorized {
		t.Fatalf("API after invalid_grant: got %d, want 401", api.Status)
	}
}

func testTransientRefresh(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	// Within the skew, the token still works: a failed refresh keeps it.
	e.Clock.Advance(59*time.Minute + 45*time.Second)
	e.Fake.FailNextToken(rememberizertest.Fault{Status: 503, Body: `{"error":"temporarily_unavailable"}`})
	expectSignedIn(t, b, "user=42", "refresh failed, token still valid")
	// Past expiry, a failed refresh answers 503 and keeps the session.
	e.Clock.Advance(time.Minute)
	e.Fake.FailNextToken(rememberizertest.Fault{Status: 500, Body: "oops"})
	e.Events.Reset()
	r := b.Nav("/private")
	expectEvents(t, e, "a failed refresh past expiry", "refreshed/near_expiry/unavailable")
	if r.Status != http.StatusServiceUnavailable || strings.Contains(r.Body, "oops") {
		t.Fatalf("refresh failed, token expired: got %d %q, want 503 without the provider's text", r.Status, r.Body)
	}
	if c := r.SetCookie(e.CookieName("session")); c != nil && c.MaxAge < 0 {
		t.Fatal("a passing failure deleted the session")
	}
	expectSignedIn(t, b, "user=42", "refresh works again")
	wantFakeCount(t, "refreshes", e.Fake.Refreshes(), 1)
}

func testRefreshOn401(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	e.Fake.ExpireAccessTokens()
	e.Events.Reset()
	r := b.Nav("/mementos")
	if r.Status != 200 || !strings.Contains(r.Body, "Research notes") {
		t.Fatalf("API call after a silent expiry: got %d %q, want 200 after one refresh", r.Status, r.Body)
	}
	expectEvents(t, e, "a refresh after the API's 401", "refreshed/api_401/ok")
	wantFakeCount(t, "refreshes", e.Fake.Refreshes(), 1)
	// Persisted: in the cookie where the tokens travel in it, and in every
	// configuration the next call needs no refresh.
	if e.Setup.TokensInBrowser() && r.SetCookie(e.CookieName("session")) == nil {
		t.Fatal("tokens refreshed by the API client were not written back to the session cookie")
	}
	if r := b.Nav("/mementos"); r.Status != 200 || e.Fake.Refreshes() != 1 {
		t.Fatalf("next call: got %d with %d refreshes, want 200 and still 1", r.Status, e.Fake.Refreshes())
	}
}
