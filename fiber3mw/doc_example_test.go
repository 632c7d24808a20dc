package fiber3mw_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fiber3mw"
	"github.com/rzauth/rememberizer-go/internal/docusage"
)

// TestPackageDocUsage runs the package documentation's usage: a visitor
// asking for the dashboard is sent to sign in, the login route sends them
// on to Rememberizer with the app's client id, and an API call of theirs
// is refused with 401.
func TestPackageDocUsage(t *testing.T) {
	client := docusage.Client(t)
	dashboard := func(c fiber.Ctx) error {
		user, _ := core.UserFrom(c)
		return c.SendString("Hello, " + user.Name)
	}

	app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
	fiber3mw.Mount(app, client) // GET login, GET callback, POST logout
	app.Get("/dashboard", fiber3mw.RequireRememberizer(client), dashboard)
	api := app.Group("/api", fiber3mw.RequireRememberizer(client))
	api.Get("/me", func(c fiber.Ctx) error {
		user, _ := core.UserFrom(c)
		return c.JSON(user)
	})

	do := func(r *http.Request) *http.Response {
		resp, err := app.Test(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	docusage.ExpectSignInRedirect(t, client, "/dashboard", do)

	req := httptest.NewRequest(http.MethodGet, "https://app.example.com/api/me", nil)
	req.Header.Set("Accept", "application/json")
	if resp := do(req); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /api/me: got %d, want 401", resp.StatusCode)
	}
}
