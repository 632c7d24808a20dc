package sessionstore_test

import (
	"log"
	"net/http"
	"testing"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/docusage"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/sessionstore"
)

// TestPackageDocUsage builds the package documentation's client: a
// visitor asking for a protected page is sent to sign in, and the login
// route sends them on to Rememberizer with the app's client id. Neither
// request writes a session, so the folder of the session files need not
// exist.
func TestPackageDocUsage(t *testing.T) {
	cfg := docusage.Config(t)
	hashKey, blockKey := securecookie.GenerateRandomKey(32), securecookie.GenerateRandomKey(32)

	fs := sessions.NewFilesystemStore("/var/lib/app/sessions", hashKey, blockKey)
	cfg.Store = sessionstore.NewGorillaStore(fs) // cfg: the app's core.Config
	c, err := core.New(cfg)
	if err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(http.NotFoundHandler()))
	docusage.ExpectSignInRedirect(t, c, "/dashboard", docusage.Handler(mux))
}
