package core_test

import (
	"log"
	"net/http"
	"os"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/docusage"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// TestPackageDocUsage runs the package documentation's usage with the
// environment a deployment sets: a visitor asking for the dashboard is
// sent to sign in, and the login route sends them on to Rememberizer with
// the app's client id.
func TestPackageDocUsage(t *testing.T) {
	t.Setenv("REMEMBERIZER_CLIENT_ID", docusage.ClientID)
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

	docusage.ExpectSignInRedirect(t, c, "/dashboard", docusage.Handler(mux))
}
