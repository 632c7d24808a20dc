package fiber3mw_test

import (
	"fmt"
	"log"
	"net/http"

	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fiber3mw"
	"github.com/rzauth/rememberizer-go/fiber3mw/fiber3test"
)

// A Fiber v3 app with a protected page: a visitor who has not signed in
// is turned away, a browser that signed in at the fake Rememberizer is
// greeted. The handler reads the user from the fiber.Ctx itself.
func Example() {
	// fiber3test starts a fake Rememberizer, hands the app the core.Config
	// that signs in there and serves the app on a loopback port; in
	// production the config comes from your environment, as the package
	// documentation shows.
	running, err := fiber3test.New(func(cfg core.Config) (*fiber.App, error) {
		client, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
		fiber3mw.Mount(app, client)
		app.Get("/dashboard", fiber3mw.RequireRememberizer(client), func(c fiber.Ctx) error {
			user, _ := core.UserFrom(c)
			return c.SendString(fmt.Sprintf("Hello, %s <%s>", user.Name, user.Email))
		})
		return app, nil
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
