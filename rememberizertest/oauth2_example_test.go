package rememberizertest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"golang.org/x/oauth2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// The fake behind golang.org/x/oauth2: the authorize leg, the code
// exchange and an API call with the token.
func Example_oauth2() {
	srv := rememberizertest.NewServer(rememberizertest.Config{})
	defer srv.Close()

	cfg := oauth2.Config{
		ClientID:     srv.ClientID(),
		ClientSecret: srv.ClientSecret(),
		RedirectURL:  "http://127.0.0.1:8080/callback", // the app's callback
		Endpoint: oauth2.Endpoint{
			AuthURL:   srv.AuthorizeURL(),
			TokenURL:  srv.TokenURL(),
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
	verifier := oauth2.GenerateVerifier()

	// The browser leg: the fake approves at once and redirects back.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := noFollow.Get(cfg.AuthCodeURL("xyz", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	back, _ := url.Parse(resp.Header.Get("Location"))

	ctx := context.Background()
	tok, err := cfg.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		log.Fatal(err)
	}
	resp, err = cfg.Client(ctx, tok).Get(srv.AccountURL())
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var account struct {
		Name string `json:"name"`
	}
	json.NewDecoder(resp.Body).Decode(&account)
	fmt.Println("state:", back.Query().Get("state"))
	fmt.Println("signed in as:", account.Name)
	// Output:
	// state: xyz
	// signed in as: Ada Lovelace
}

// An app's core.Config pointed at a fake started for local development:
// its login route sends the browser to the fake's consent page.
func ExampleStartLocal_config() {
	key, err := core.NewSessionKey()
	if err != nil {
		log.Fatal(err)
	}
	cfg := core.Config{
		RedirectURL: "http://localhost:8080/auth/rememberizer/callback",
		SessionKeys: [][]byte{key},
	}

	local, err := rememberizertest.StartLocal("http://localhost:8080/auth/rememberizer/callback")
	if err != nil {
		log.Fatal(err)
	}
	defer local.Close()
	cfg.ClientID, cfg.ClientSecret, cfg.BaseURL = local.ClientID, local.ClientSecret, local.BaseURL

	c, err := core.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	login := httptest.NewRequest(http.MethodGet, "http://localhost:8080"+c.LoginPath(), nil)
	rec := httptest.NewRecorder()
	nethttp.Handler(c).ServeHTTP(rec, login)
	to := rec.Header().Get("Location")
	fmt.Println(rec.Code, strings.HasPrefix(to, local.BaseURL+"/api/v1/auth/oauth2/authorize/"))
	// Output: 302 true
}
