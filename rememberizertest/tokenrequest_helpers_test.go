package rememberizertest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// tokenRequest is a POST of form to s's token endpoint, as a client
// sends it.
func tokenRequest(t *testing.T, s *Server, form url.Values) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.TokenURL(), strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// postTokenBasic is postToken with the client's credentials in a Basic
// Authorization header too.
func postTokenBasic(t *testing.T, s *Server, form url.Values) response {
	t.Helper()
	req := tokenRequest(t, s, form)
	req.SetBasicAuth(s.ClientID(), s.ClientSecret())
	return do(t, req)
}
