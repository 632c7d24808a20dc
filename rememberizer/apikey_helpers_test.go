package rememberizer_test

import (
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// startFake starts a fake Rememberizer, closed when the test ends, and
// has it issue a credential for user "42" with issue: an access token
// ([rememberizertest.Server.IssueAccessToken]) or an API key.
func startFake(t *testing.T, issue func(*rememberizertest.Server, string) (string, error)) (*rememberizertest.Server, string) {
	t.Helper()
	srv := rememberizertest.NewServer(rememberizertest.Config{})
	t.Cleanup(srv.Close)
	cred, err := issue(srv, "42")
	if err != nil {
		t.Fatal(err)
	}
	return srv, cred
}

// apiKeyServer starts a fake Rememberizer that has issued an API key for
// user "42".
func apiKeyServer(t *testing.T) (*rememberizertest.Server, string) {
	t.Helper()
	return startFake(t, (*rememberizertest.Server).IssueAPIKey)
}

// apiKeyClient is a client of a fresh fake Rememberizer that
// authenticates with an API key for user 42; it returns the server and
// the key as well.
func apiKeyClient(t *testing.T) (*rememberizer.Client, *rememberizertest.Server, string) {
	t.Helper()
	srv, key := apiKeyServer(t)
	rc, err := rememberizer.New(nil, rememberizer.Config{BaseURL: srv.URL, APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	return rc, srv, key
}
