package consumertest

import (
	"io"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/fibermw/fibertest"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

func init() { gin.SetMode(gin.TestMode) }

// wantDashboard checks that browser, signed in, sees its greeting at
// appURL/dashboard, and that a browser that did not sign in does not.
func wantDashboard(t *testing.T, browser *http.Client, appURL string) {
	t.Helper()
	for _, tt := range []struct {
		name   string
		client *http.Client
		status int
		body   string
	}{
		{"signed in", browser, http.StatusOK, "Hello, Ada Lovelace"},
		{"signed out", &http.Client{}, http.StatusUnauthorized, ""},
	} {
		req, _ := http.NewRequest(http.MethodGet, appURL+"/dashboard", nil)
		req.Header.Set("Accept", "application/json")
		resp, err := tt.client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || (tt.body != "" && string(body) != tt.body) {
			t.Errorf("%s: got %d %q, want %d %q", tt.name, resp.StatusCode, body, tt.status, tt.body)
		}
	}
}

// The sign-in itself is two lines per framework: start the app, sign in.

func TestNetHTTP(t *testing.T) {
	app := apptest.Start(t, NewNetHTTPApp)
	browser := app.SignIn(t, "42")
	wantDashboard(t, browser, app.URL)
}

func TestGin(t *testing.T) {
	app := apptest.Start(t, NewGinApp)
	browser := app.SignIn(t, "42")
	wantDashboard(t, browser, app.URL)
}

func TestFiber(t *testing.T) {
	app := fibertest.Start(t, NewFiberApp)
	browser := app.SignIn(t, "42")
	wantDashboard(t, browser, app.URL)
}
