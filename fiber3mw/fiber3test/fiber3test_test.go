package fiber3test_test

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fiber3mw"
	"github.com/rzauth/rememberizer-go/fiber3mw/fiber3test"
)

// newApp is the Fiber app under test.
func newApp(cfg core.Config) (*fiber.App, error) {
	cfg.Logger = slog.New(slog.DiscardHandler)
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
	fiber3mw.Mount(app, c)
	app.Get("/dashboard", fiber3mw.RequireRememberizer(c), dashboard)
	return app, nil
}

// dashboard greets the signed-in user.
func dashboard(c fiber.Ctx) error {
	user, _ := core.UserFrom(c)
	return c.SendString("Hello, " + user.Name)
}

func Example() {
	// In a test: app := fiber3test.Start(t, newApp); browser := app.SignIn(t, "42").
	app, err := fiber3test.New(newApp)
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()
	browser, err := app.Browser("42")
	if err != nil {
		log.Fatal(err)
	}
	resp, err := browser.Get(app.URL + "/dashboard")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body))
	// Output: 200 Hello, Ada Lovelace
}

// TestSignedOut checks that a browser that did not sign in is refused.
func TestSignedOut(t *testing.T) {
	t.Parallel()
	app := fiber3test.Start(t, newApp)
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/dashboard", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a browser that did not sign in: got %d, want 401", resp.StatusCode)
	}
}

// TestDashboard is the package documentation's test.
func TestDashboard(t *testing.T) {
	app := fiber3test.Start(t, newApp) // newApp(cfg core.Config) (*fiber.App, error)
	browser := app.SignIn(t, "42")
	resp, err := browser.Get(app.URL + "/dashboard")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != "Hello, Ada Lovelace" {
		t.Errorf("got %d %q, want 200 Hello, Ada Lovelace", resp.StatusCode, body)
	}
}
