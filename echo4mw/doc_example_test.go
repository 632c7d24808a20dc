package echo4mw_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/echo4mw"
	"github.com/rzauth/rememberizer-go/internal/docusage"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// TestPackageDocUsage runs the package documentation's usage: a visitor
// asking for the dashboard is sent to sign in, the login route sends them
// on to Rememberizer with the app's client id, and an API call of theirs
// is refused with 401.
func TestPackageDocUsage(t *testing.T) {
	client := docusage.Client(t)
	dashboard := func(c echo.Context) error {
		user, _ := core.UserFrom(c.Request().Context())
		return c.String(http.StatusOK, "Hello, "+user.Name)
	}

	e := echo.New()
	echo4mw.Mount(e, client) // GET login, GET callback, POST logout
	e.GET("/dashboard", dashboard, echo4mw.RequireRememberizer(client))
	api := e.Group("/api", echo4mw.RequireRememberizer(client))
	api.GET("/me", func(c echo.Context) error {
		user, _ := core.UserFrom(c.Request().Context())
		return c.JSON(http.StatusOK, user)
	})

	docusage.ExpectSignInRedirect(t, client, "/dashboard", docusage.Handler(e))
	req := httptest.NewRequest(http.MethodGet, "https://app.example.com/api/me", nil)
	req.Header.Set("Accept", "application/json")
	if resp := docusage.Handler(e)(req); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /api/me: got %d, want 401", resp.StatusCode)
	}
}

// An Echo v4 app with a protected page, tested with apptest as any
// http.Handler: a visitor who has not signed in is turned away, a browser
// that signed in at the fake Rememberizer is greeted.
func Example() {
	running, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		client, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		e := echo.New()
		echo4mw.Mount(e, client)
		e.GET("/dashboard", func(c echo.Context) error {
			user, _ := core.UserFrom(c.Request().Context())
			return c.String(http.StatusOK, fmt.Sprintf("Hello, %s <%s>", user.Name, user.Email))
		}, echo4mw.RequireRememberizer(client))
		return e, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer running.Close()

	for _, userID := range []string{"", "42"} {
		browser := http.DefaultClient // not signed in
		if userID != "" {
			if browser, err = running.Browser(userID); err != nil {
				log.Fatal(err)
			}
		}
		status, body, err := running.Get(browser, "/dashboard")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(status, body)
	}
	// Output:
	// 401 {"error":"not_signed_in","message":"You are not signed in."}
	// 200 Hello, Ada Lovelace <ada@example.com>
}
