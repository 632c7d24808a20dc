package sessionstore_test

import (
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/sessionstore"
)

// TestPackageDocUsage builds the package documentation's client with the
// environment a deployment sets: a visitor asking for a protected page is
// sent to sign in, and the login route sends them on to Rememberizer with
// the app's client id. Neither request writes a session, so the folder
// of the session files need not exist.
func TestPackageDocUsage(t *testing.T) {
	t.Setenv("REMEMBERIZER_CLIENT_ID", "my-client-id")
	t.Setenv("REMEMBERIZER_CLIENT_SECRET", "my-client-secret")
	hashKey, blockKey := securecookie.GenerateRandomKey(32), securecookie.GenerateRandomKey(32)
	sessionKey, err := core.NewSessionKey()
	if err != nil {
		t.Fatal(err)
	}

	fs := sessions.NewFilesystemStore("/var/lib/app/sessions", hashKey, blockKey)
	c, err := core.New(core.Config{
		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{sessionKey},
		Store:        sessionstore.NewGorillaStore(fs),
	})
	if err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(http.NotFoundHandler()))
	req := httptest.NewRequest(http.MethodGet, "https://app.example.com/dashboard", nil)
	req.Header.Set("Accept", "text/html")
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusFound && rec.Code != http.StatusSeeOther || !strings.Contains(loc, c.LoginPath()) {
		t.Fatalf("GET /dashboard: got %d to %q, want a redirect to the login route", rec.Code, loc)
	}
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, loc, nil))
	u, err := url.Parse(rec.Header().Get("Location"))
	if err != nil || u.Host != "api.rememberizer.ai" || u.Query().Get("client_id") != "my-client-id" {
		t.Errorf("GET %s: got %d to %q, want a redirect to Rememberizer with client_id my-client-id", loc, rec.Code, u)
	}
}
