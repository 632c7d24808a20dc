package core_test

import (
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// TestPackageDocUsage runs the package documentation's usage with the
// environment a deployment sets: a visitor asking for the dashboard is
// sent to sign in, and the login route sends them on to Rememberizer with
// the app's client id.
func TestPackageDocUsage(t *testing.T) {
	t.Setenv("REMEMBERIZER_CLIENT_ID", "my-client-id")
	t.Setenv("REMEMBERIZER_CLIENT_SECRET", "my-client-secret")
	key, err := core.NewSessionKey()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SESSION_KEYS", core.EncodeSessionKey(key))
	keys, err := core.ParseSessionKeys(os.Getenv("SESSION_KEYS"))
	if err != nil {
		t.Fatal(err)
	}
	dashboard := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		w.Write([]byte("Hello, " + user.Name))
	})

	c, err := core.New(core.Config{
		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  keys, // core.ParseSessionKeys(os.Getenv("SESSION_KEYS"))
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	nethttp.Mount(mux, c) // /auth/rememberizer/login, /callback, /logout
	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(dashboard))
	// in dashboard: user, _ := core.UserFrom(r.Context()); rc, err := c.API(r.Context())

	checkSignInRedirects(t, mux, "/dashboard")
}

// checkSignInRedirects checks that a browser navigating to page on h,
// signed out, is sent to the login route, and from there to
// Rememberizer's authorize page with the client id my-client-id.
func checkSignInRedirects(t *testing.T, h http.Handler, page string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "https://app.example.com"+page, nil)
	req.Header.Set("Accept", "text/html")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusFound && rec.Code != http.StatusSeeOther || !strings.Contains(loc, "/auth/rememberizer/login") {
		t.Fatalf("GET %s: got %d to %q, want a redirect to the login route", page, rec.Code, loc)
	}
	req = httptest.NewRequest(http.MethodGet, loc, nil)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	u, err := url.Parse(rec.Header().Get("Location"))
	if err != nil || u.Host != "api.rememberizer.ai" || u.Query().Get("client_id") != "my-client-id" {
		t.Errorf("GET %s: got %d to %q, want a redirect to Rememberizer with client_id my-client-id", loc, rec.Code, u)
	}
}
