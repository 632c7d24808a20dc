package apptest

import (
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Get fetches path (e.g. "/dashboard") from the app with browser and
// returns the response's status code and body. browser is one that
// [App.Browser] signed in, or any other client: http.DefaultClient is a
// visitor who has not signed in. The request asks for JSON, as an API call
// does, so the middleware answers a visitor who is not signed in with 401
// instead of sending them to sign in.
func (a *App) Get(browser *http.Client, path string) (status int, body string, err error) {
	if !strings.HasPrefix(path, "/") {
		return 0, "", fmt.Errorf("apptest: Get: path %q does not start with /", path)
	}
	req, err := http.NewRequest(http.MethodGet, a.URL+path, nil)
	if err != nil {
		return 0, "", fmt.Errorf("apptest: Get: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := browser.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("apptest: Get: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, "", fmt.Errorf("apptest: Get: reading the body: %w", err)
	}
	return resp.StatusCode, string(b), nil
}
