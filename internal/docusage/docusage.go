// Package docusage runs the usage the packages' documentation shows, for
// their tests: a client as package core's documentation makes one, with
// the environment a deployment sets, and the check that an app built with
// it sends a signed-out visitor to sign in at Rememberizer.
package docusage

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
)

// ClientID is the client id [Config] sets.
const ClientID = "my-client-id"

// Config returns a core.Config like the one of package core's
// documentation: Rememberizer's own endpoints (never called by these
// checks), fixed credentials and a fresh session key.
func Config(t testing.TB) core.Config {
	t.Helper()
	key, err := core.NewSessionKey()
	if err != nil {
		t.Fatal(err)
	}
	return core.Config{
		ClientID:     ClientID,
		ClientSecret: "my-client-secret",
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key},
	}
}

// Client returns a client made with [Config].
func Client(t testing.TB) *core.Client {
	t.Helper()
	c, err := core.New(Config(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ExpectSignInRedirect checks, with do serving one request of an app
// built on c, that a browser navigation to page is sent to c's login
// route, and the login route on to Rememberizer's authorize page with the
// app's client id.
func ExpectSignInRedirect(t testing.TB, c *core.Client, page string, do func(*http.Request) *http.Response) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "https://app.example.com"+page, nil)
	req.Header.Set("Accept", "text/html")
	resp := do(req)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, c.LoginPath()) {
		t.Fatalf("GET %s: got %d to %q, want a redirect to the login route", page, resp.StatusCode, loc)
	}
	resp = do(httptest.NewRequest(http.MethodGet, loc, nil))
	u, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || u.Host != "api.rememberizer.ai" || u.Query().Get("client_id") != ClientID {
		t.Errorf("GET %s: got %d to %q, want a redirect to Rememberizer with client_id %s", loc, resp.StatusCode, u, ClientID)
	}
}

// Handler is do for an http.Handler.
func Handler(h http.Handler) func(*http.Request) *http.Response {
	return func(r *http.Request) *http.Response {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec.Result()
	}
}
