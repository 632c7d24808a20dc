package nethttp_test

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
	dashboard := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		w.Write([]byte("Hello, " + user.Name))
	})

	c, err := core.New(core.Config{
		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key}, // 32 random bytes
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	nethttp.Mount(mux, c) // GET login, GET callback, POST logout
	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(dashboard))

	page := "/dashboard"
	req := httptest.NewRequest(http.MethodGet, "https://app.example.com"+page, nil)
	req.Header.Set("Accept", "text/html")
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusFound && rec.Code != http.StatusSeeOther || !strings.Contains(loc, c.LoginPath()) {
		t.Fatalf("GET %s: got %d to %q, want a redirect to the login route", page, rec.Code, loc)
	}
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, loc, nil))
	u, err := url.Parse(rec.Header().Get("Location"))
	if err != nil || u.Host != "api.rememberizer.ai" || u.Query().Get("client_id") != "my-client-id" {
		t.Errorf("GET %s: got %d to %q, want a redirect to Rememberizer with client_id my-client-id", loc, rec.Code, u)
	}
}
