package rememberizertest_test

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/url"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

func Example() {
	srv := rememberizertest.NewServer(rememberizertest.Config{})
	defer srv.Close()

	// The browser leg: the fake approves at once and redirects back.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	redirectURI := "http://127.0.0.1:8080/callback"
	resp, err := noFollow.Get(srv.AuthorizeURL() + "?" + url.Values{
		"client_id":     {srv.ClientID()},
		"response_type": {"code"},
		"redirect_uri":  {redirectURI},
		"state":         {"xyz"},
		"scope":         {"offline_access"},
	}.Encode())
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))

	// The back-channel leg: exchange the code, credentials in the body.
	resp, err = http.PostForm(srv.TokenURL(), url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {loc.Query().Get("code")},
		"redirect_uri":  {redirectURI},
		"client_id":     {srv.ClientID()},
		"client_secret": {srv.ClientSecret()},
	})
	if err != nil {
		log.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()

	// Call the API as the signed-in user.
	req, _ := http.NewRequest(http.MethodGet, srv.AccountURL(), nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var account struct {
		Name string `json:"name"`
	}
	json.NewDecoder(resp.Body).Decode(&account)

	fmt.Println("state:", loc.Query().Get("state"))
	fmt.Println("signed in as:", account.Name)
	fmt.Println("codes exchanged:", srv.CodesExchanged())
	// Output:
	// state: xyz
	// signed in as: Ada Lovelace
	// codes exchanged: 1
}
