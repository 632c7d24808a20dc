package apptest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

func TestGet(t *testing.T) {
	t.Parallel()
	stopped, err := apptest.New(newApp)
	if err != nil {
		t.Fatal(err)
	}
	if err := stopped.Close(); err != nil {
		t.Fatal(err)
	}
	app := apptest.Start(t, newApp)
	signedIn := app.SignIn(t, "42")
	for _, tt := range []struct {
		name       string
		app        *apptest.App
		browser    *http.Client
		path       string
		wantStatus int
		wantBody   string
		wantErr    string
	}{
		{name: "signed in", app: app, browser: signedIn, path: "/dashboard", wantStatus: http.StatusOK, wantBody: "Hello, Ada Lovelace"},
		{name: "not signed in", app: app, browser: http.DefaultClient, path: "/dashboard", wantStatus: http.StatusUnauthorized, wantBody: `"error"`},
		{name: "unknown path", app: app, browser: signedIn, path: "/nowhere", wantStatus: http.StatusNotFound},
		{name: "relative path", app: app, browser: signedIn, path: "dashboard", wantErr: `path "dashboard" does not start with /`},
		{name: "bad path", app: app, browser: signedIn, path: "/%zz", wantErr: "apptest: Get: "},
		{name: "stopped app", app: stopped, browser: http.DefaultClient, path: "/dashboard", wantErr: "apptest: Get: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body, err := tt.app.Get(tt.browser, tt.path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %d %q %v, want an error containing %q", status, body, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if status != tt.wantStatus || !strings.Contains(body, tt.wantBody) {
				t.Errorf("got %d %q, want %d with %q", status, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
}
