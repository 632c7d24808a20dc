package consumertest

import (
	"net/http"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

func TestChi(t *testing.T) {
	app := apptest.Start(t, NewChiApp)
	browser := app.SignIn(t, "42")
	wantDashboard(t, browser, app.URL)
	// The same middleware on a sub-router and on a mounted router.
	for _, path := range []string{"/app/me", "/admin/me"} {
		if status, body, err := app.Get(browser, path); err != nil || status != http.StatusOK || body != "Hello, Ada Lovelace" {
			t.Errorf("GET %s signed in: got %d %q %v, want 200 Hello, Ada Lovelace", path, status, body, err)
		}
		if status, _, err := app.Get(http.DefaultClient, path); err != nil || status != http.StatusUnauthorized {
			t.Errorf("GET %s signed out: got %d %v, want 401", path, status, err)
		}
	}
}
