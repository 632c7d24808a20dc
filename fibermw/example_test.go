package fibermw_test

import (
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fibermw"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// A whole sign-in against the fake Rememberizer: a browser asks for a
// protected page, signs in, and comes back to it.
func Example() {
	fake := rememberizertest.NewServer(rememberizertest.Config{})
	defer fake.Close()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	// A session key is 32 random bytes. In production, make one once
	// (head -c32 /dev/urandom | base64) and load it, so sessions survive
	// restarts.
	key := make([]byte, core.KeySize)
	if _, err := rand.Read(key); err != nil {
		panic(err)
	}
	appURL := "http://" + ln.Addr().String()
	client, err := core.New(core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  appURL + "/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key},
		BaseURL:      fake.URL,
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		panic(err)
	}

	app := fiber.New(fiber.Config{DisableStartupMessage: true, ReadBufferSize: fibermw.ReadBufferSize})
	fibermw.Mount(app, client)
	app.Get("/dashboard", fibermw.RequireRememberizer(client), func(c *fiber.Ctx) error {
		user, _ := core.UserFrom(c.UserContext())
		return c.SendString(fmt.Sprintf("Hello, %s <%s>", user.Name, user.Email))
	})
	go app.Listener(ln)
	defer app.Shutdown()

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	req, _ := http.NewRequest("GET", appURL+"/dashboard", nil)
	req.Header.Set("Accept", "text/html")
	resp, err := browser.Do(req) // follows: login → Rememberizer → callback → dashboard
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Request.URL.Path, string(body))
	// Output: /dashboard Hello, Ada Lovelace <ada@example.com>
}
