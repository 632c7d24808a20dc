package consumertest

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fibermw/fibertest"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// ownPage is an app's error page.
func ownPage(w io.Writer, p core.ErrorPage) error {
	_, err := fmt.Fprintf(w, "<main class=my-app><h1>%s</h1><p>%s</p></main>", p.Title, p.Message)
	return err
}

// withOwnPage sets the app's error page before building it.
func withOwnPage[T any](build func(core.Config) (T, error)) func(core.Config) (T, error) {
	return func(cfg core.Config) (T, error) {
		cfg.ErrorPage = ownPage
		return build(cfg)
	}
}

// TestErrorPageHook: every adapter shows the app's own error page, here
// for a sign-out link (GET on the logout route).
func TestErrorPageHook(t *testing.T) {
	urls := map[string]string{
		"net/http": apptest.Start(t, withOwnPage(NewNetHTTPApp)).URL,
		"gin":      apptest.Start(t, withOwnPage(NewGinApp)).URL,
		"fiber":    fibertest.Start(t, withOwnPage[*fiber.App](NewFiberApp)).URL,
	}
	want := `<main class=my-app><h1>Sign-out problem</h1><p>Signing out needs a POST form: use a button in a form with method="post", not a link.</p></main>`
	for name, url := range urls {
		req, _ := http.NewRequest(http.MethodGet, url+"/auth/rememberizer/logout", nil)
		req.Header.Set("Accept", "text/html")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" || string(body) != want {
			t.Errorf("%s: got %d Allow %q %q, want 405 Allow POST %q", name, resp.StatusCode, resp.Header.Get("Allow"), body, want)
		}
		if strings.Contains(string(body), "<style>") {
			t.Errorf("%s: got the default page", name)
		}
	}
}
