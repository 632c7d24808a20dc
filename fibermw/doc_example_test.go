package fibermw_test

import (
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fibermw"
)

// TestPackageDocUsage runs the package documentation's usage with the
// environment a deployment sets: a visitor asking for the dashboard is
// sent to sign in, the login route sends them on to Rememberizer with the
// app's client id, and an API call of theirs is refused with 401.
func TestPackageDocUsage(t *testing.T) {
	t.Setenv("REMEMBERIZER_CLIENT_ID", "my-client-id")
	t.Setenv("REMEMBERIZER_CLIENT_SECRET", "my-client-secret")
	key, err := core.NewSessionKey()
	if err != nil {
		t.Fatal(err)
	}
	dashboard := func(c *fiber.Ctx) error {
		user, _ := core.UserFrom(c.UserContext())
		return c.SendString("Hello, " + user.Name)
	}

	client, err := core.New(core.Config{
		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key}, // 32 random bytes
	})
	if err != nil {
		log.Fatal(err)
	}
	app := fiber.New(fiber.Config{ReadBufferSize: fibermw.ReadBufferSize})
	fibermw.Mount(app, client) // GET login, GET callback, POST logout
	app.Get("/dashboard", fibermw.RequireRememberizer(client), dashboard)
	api := app.Group("/api", fibermw.RequireRememberizer(client))
	api.Get("/me", func(c *fiber.Ctx) error {
		user, _ := core.UserFrom(c.UserContext())
		return c.JSON(user)
	})

	page := "/dashboard"
	req := httptest.NewRequest(http.MethodGet, "https://app.example.com"+page, nil)
	req.Header.Set("Accept", "text/html")
	resp, err := app.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound && resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, client.LoginPath()) {
		t.Fatalf("GET %s: got %d to %q, want a redirect to the login route", page, resp.StatusCode, loc)
	}
	if resp, err = app.Test(httptest.NewRequest(http.MethodGet, loc, nil)); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	u, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || u.Host != "api.rememberizer.ai" || u.Query().Get("client_id") != "my-client-id" {
		t.Errorf("GET %s: got %d to %q, want a redirect to Rememberizer with client_id my-client-id", loc, resp.StatusCode, u)
	}

	req = httptest.NewRequest(http.MethodGet, "https://app.example.com/api/me", nil)
	req.Header.Set("Accept", "application/json")
	if resp, err = app.Test(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /api/me: got %d, want 401", resp.StatusCode)
	}
}
