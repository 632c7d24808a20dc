package nethttp_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/cookiejar"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// A whole sign-in against the fake Rememberizer: a browser asks for a
// protected page, signs in, and comes back to it.
func Example() {
	// apptest starts a fake Rememberizer and hands the app the core.Config
	// that signs in there: its client id, secret and URL, the app's loopback
	// RedirectURL and a random session key. In production the config comes
	// from your environment, as the package documentation shows.
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		mux := http.NewServeMux()
		nethttp.Mount(mux, c)
		mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			user, _ := core.UserFrom(r.Context())
			fmt.Fprintf(w, "Hello, %s <%s>", user.Name, user.Email)
		})))
		return mux, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	req, _ := http.NewRequest("GET", app.URL+"/dashboard", nil)
	req.Header.Set("Accept", "text/html")
	resp, err := browser.Do(req) // follows: login → Rememberizer → callback → dashboard
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Request.URL.Path, string(body))
	// Output: /dashboard Hello, Ada Lovelace <ada@example.com>
}
