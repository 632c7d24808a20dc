package nethttp_test

import (
	"net/http"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/docusage"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// TestPackageDocUsage runs the package documentation's usage: a visitor
// asking for the dashboard is sent to sign in, and the login route sends
// them on to Rememberizer with the app's client id.
func TestPackageDocUsage(t *testing.T) {
	c := docusage.Client(t)
	dashboard := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		w.Write([]byte("Hello, " + user.Name))
	})

	mux := http.NewServeMux()
	nethttp.Mount(mux, c) // GET login, GET callback, POST logout
	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(dashboard))

	docusage.ExpectSignInRedirect(t, c, "/dashboard", docusage.Handler(mux))
}
