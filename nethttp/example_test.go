package nethttp_test

import (
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// A whole sign-in against the fake Rememberizer: a browser asks for a
// protected page, signs in, and comes back to it.
func Example() {
	fake := rememberizertest.NewServer(rememberizertest.Config{})
	defer fake.Close()

	// A session key is 32 random bytes. In production, make one once
	// (head -c32 /dev/urandom | base64) and load it, so sessions survive
	// restarts.
	key := make([]byte, core.KeySize)
	if _, err := rand.Read(key); err != nil {
		panic(err)
	}
	app := httptest.NewUnstartedServer(nil)
	c, err := core.New(core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  "http://" + app.Listener.Addr().String() + "/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key},
		BaseURL:      fake.URL,
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		panic(err)
	}

	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		fmt.Fprintf(w, "Hello, %s <%s>", user.Name, user.Email)
	})))
	app.Config.Handler = mux
	app.Start()
	defer app.Close()

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	req, _ := http.NewRequest("GET", app.URL+"/dashboard", nil)
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
