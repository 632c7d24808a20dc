package adaptertest

import (
	"net/http"
	"strings"
	"testing"
)

// Wiring is how a [Serve] puts the standard app together: as documented,
// or with one of the mistakes the library must catch.
type Wiring int

// The wirings of the standard app.
const (
	// Mounted: Mount, then RequireRememberizer on each protected route.
	Mounted Wiring = iota
	// Global: RequireRememberizer in front of the whole router, set up
	// before Mount, so that it sees the auth routes too.
	Global
	// Unmounted: Mount is never called.
	Unmounted
)

func wiringScenarios() []scenario {
	return []scenario{
		{name: "WiringGlobalMiddleware", opts: Options{Wiring: Global}, run: testGlobalMiddleware},
		{name: "WiringUnmounted", opts: Options{Wiring: Unmounted}, run: testUnmounted},
		{name: "WiringUnwrappedHandler", run: testUnwrappedHandler},
	}
}

// testGlobalMiddleware: RequireRememberizer in front of the auth routes
// lets them through, so sign-in ends on the page asked for instead of
// looping with return_to nesting itself.
func testGlobalMiddleware(t *testing.T, e *Env) {
	b := e.NewBrowser()
	r := b.Nav("/private")
	if want := "/auth/rememberizer/login?return_to=%2Fprivate"; r.Status != http.StatusFound || r.Location() != want {
		t.Fatalf("signed out: got %d to %q, want 302 to %q", r.Status, r.Location(), want)
	}
	r = b.Nav(r.Location())
	if r.Status != http.StatusFound || !strings.HasPrefix(r.Location(), e.Fake.URL) {
		t.Fatalf("login behind the middleware: got %d to %q, want 302 to Rememberizer", r.Status, r.Location())
	}
	r = b.Nav(b.Authorize(r.Location()))
	if r.Status != http.StatusSeeOther || r.Location() != "/private" {
		t.Fatalf("callback behind the middleware: got %d to %q, want 303 to /private", r.Status, r.Location())
	}
	if r = b.Nav("/private"); r.Status != http.StatusOK || !strings.HasPrefix(r.Body, "user=") {
		t.Fatalf("after sign-in: got %d %q, want 200 user=…", r.Status, r.Body)
	}
	if r = b.Logout(); r.Status != http.StatusSeeOther {
		t.Fatalf("logout behind the middleware: got %d, want 303", r.Status)
	}
	expectSignedOut(t, b, "after logout behind the middleware")
}

// testUnmounted: without Mount, a signed-out navigation gets an error
// page, and the log says to call Mount, instead of a redirect to a login
// route nobody serves.
func testUnmounted(t *testing.T, e *Env) {
	r := e.NewBrowser().Nav("/private")
	if r.Status != http.StatusInternalServerError || r.Location() != "" {
		t.Fatalf("got %d to %q, want 500 and no redirect", r.Status, r.Location())
	}
	if strings.Contains(r.Body, "Mount") {
		t.Errorf("the visitor's page names the code to fix: %q", r.Body)
	}
	if !strings.Contains(e.Logs.String(), "call Mount") {
		t.Errorf("the log does not say to call Mount: %s", e.Logs)
	}
	api := e.NewBrowser().Do("GET", "/api/me", map[string]string{"Accept": "application/json"})
	if api.Status != http.StatusUnauthorized {
		t.Errorf("API call: got %d, want 401", api.Status)
	}
}

// testUnwrappedHandler: an API client asked for in a handler the
// middleware never saw names the middleware to add, even for a browser
// that is signed in.
func testUnwrappedHandler(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	r := b.Nav("/unwrapped")
	if !strings.Contains(r.Body, "wrap the handler in RequireRememberizer") {
		t.Fatalf("got %d %q, want an error naming RequireRememberizer", r.Status, r.Body)
	}
}
