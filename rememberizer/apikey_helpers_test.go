package rememberizer_test

import (
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// apiKeyServer starts a fake Rememberizer, closed when the test ends, and
// issues it an API key for user 42.
func apiKeyServer(t *testing.T) (*rememberizertest.Server, string) {
	t.Helper()
	srv := rememberizertest.NewServer(rememberizertest.Config{})
	t.Cleanup(srv.Close)
	key, err := srv.IssueAPIKey("42")
	if err != nil {
		t.Fatal(err)
	}
	return srv, key
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
